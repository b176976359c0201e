# Tuples: sizes, the empty-tuple singleton, merged constant tuples.
import sys
print(sys.getsizeof(()), sys.getsizeof((1,)), sys.getsizeof((1, 2)), sys.getsizeof((1, 2, 3)))
print(sys.getsizeof(tuple(range(10))), sys.getsizeof(tuple([1, 2])), sys.getsizeof(tuple("abc")))
x = 5
print(sys.getsizeof((x,)), sys.getsizeof((x, x, x, x)), sys.getsizeof((1, 2) + (3,)), sys.getsizeof((1, 2) * 3))
a = (1001, 1002, 1003)
b = (1001, 1002, 1003)
print(a is b, a == b, sys.getrefcount(a))
c = (x, 1002)
d = (x, 1002)
print(c is d, c == d, sys.getrefcount(c))
e = ()
f = tuple([])
g = (1, 2)[2:]
print(e is f, e is g, tuple(e) is e, a[0:3] is a, a[:] is a, tuple(a) is a)
print(a[1] is b[1], a[0] is 1000 + x - x + 1)

def triple():
    return (1001, 1002, 1003)

print(triple() is a)
h = a + ()
print(h is a, h == a)
nested = ((1, 2), (3, 4))
print(sys.getsizeof(nested), sys.getsizeof(nested[0]), nested[1][0])
p, q = (7, 8)
print(p, q, sys.getsizeof((p, q)))
