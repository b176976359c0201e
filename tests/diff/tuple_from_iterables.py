# tuple(x) as PySequence_Tuple: a list's items copied straight into a tuple
# (no list made on the way), any other iterable's iterator made first,
# then a tuple of its length hint (10 without one) filled, grown by 10 and
# a quarter when full, cut back at the end (the block reallocated: the
# tuple keeps its id while its size class serves, else it moves), and the
# iterator dropped last.
import sys
xs = [-1, -2, 3]
u = tuple([x + 10 for x in xs])
old = id(u)
del u
t = tuple(map(abs, xs))
print(t, id(t) == old, sys.getsizeof(t))
w = [x + 20 for x in xs]
v = tuple(w)
print(v, tuple(v) is v, sys.getrefcount(w[0]) - sys.getrefcount(v[0]))
a = [0] * 3
del a
b = tuple(range(5))
c = []
print(b, sys.getsizeof(b), id(c) != id(b))
big = tuple(map(abs, range(-30, 0)))
print(len(big), big[:3], sys.getsizeof(big))
exact = tuple(map(abs, range(-25, 0)))
print(len(exact), sys.getsizeof(exact))
small = [tuple(map(abs, range(k))) for k in range(13)]
print([sys.getsizeof(s) for s in small], small[12][-1])
print(tuple("héllo"), tuple({"a": 1, "b": 2}), tuple({"a": 1}.items()), tuple(iter([7, 8])))
print(tuple(map(abs, [])) == (), tuple(filter(None, [0, 0])) == (), len(tuple(reversed(range(12)))))
for k in range(3):
    tt = tuple(map(abs, xs))
    ll = [k]
    print(id(ll) - id(tt) == 0, sys.getrefcount(tt))
q = tuple(map(abs, [5, 6]))
r = (q, q)
print(sys.getrefcount(q), sys.getrefcount(r))
ys = [1, [2], "s"]
l1 = list(ys)
l2 = list(tuple(ys))
t0 = tuple([])
l0 = list(())
print(l1, l2, t0, l0, sys.getsizeof(l1), sys.getsizeof(l2), sys.getsizeof(l0), sys.getrefcount(ys[1]), id(l1) != id(l2))
def boom(x):
    return 10 // (3 - x)
print(tuple(map(abs, xs)), "end")
print(tuple(map(boom, range(6))))
