# Sizes from the other ways of making a list.
import sys
y = [1, 2, 3, 4, 5]
print(sys.getsizeof(y[:]), sys.getsizeof(y[1:3]), sys.getsizeof(y[::2]), sys.getsizeof(y[::-1]))
print(sys.getsizeof(list(y)), sys.getsizeof(list(range(5))), sys.getsizeof(list("hello")), sys.getsizeof(list((1, 2, 3))))
print(sys.getsizeof(sorted(y)), sys.getsizeof(sorted(range(7))), sys.getsizeof(list()), sys.getsizeof(list([])))
print(sys.getsizeof([i for i in range(5)]), sys.getsizeof([i for i in range(9)]), sys.getsizeof([c for c in ""]))
print(sys.getsizeof(y + y), sys.getsizeof(y * 3), sys.getsizeof([None] * 5), sys.getsizeof([0] * 100))
a = []
a.extend(range(10))
print(sys.getsizeof(a))
b = []
b += [1, 2, 3]
print(sys.getsizeof(b))
c = []
c.extend(y)
print(sys.getsizeof(c))
c.extend(y)
print(sys.getsizeof(c))
d = [1]
d.extend([2, 3, 4, 5, 6, 7, 8, 9, 10])
print(sys.getsizeof(d))
e = []
e.insert(0, 1)
print(sys.getsizeof(e))
for i in range(10):
    e.insert(0, i)
print(sys.getsizeof(e), e[:3])
f = list(zip([1, 2, 3], "abc"))
print(f, sys.getsizeof(f))
g = list(enumerate("abcd"))
print(g, sys.getsizeof(g))
h = "a b c d e f".split()
print(sys.getsizeof(h), sys.getsizeof("a,b".split(",")), sys.getsizeof(list({1: 2, 3: 4})))
