# enumerate and zip as CPython makes them: their sizes; enumerate's object,
# iterator, then (None, None) result tuple; zip's arguments tuple (freed
# after), iterators tuple, result tuple, object; the result tuple reused
# while nothing else holds it; enumerate(.., start=n), big starts.
import sys
print(sys.getsizeof(enumerate([])), sys.getsizeof(zip()), sys.getsizeof(zip([1], [2])))
p = [0]
t1 = (p, p)
t2 = (p, p)
i1, i2 = id(t1), id(t2)
del t1
del t2
z = zip(p, p)
t3 = (p, p)
print(id(t3) == i2, id(t3) == i1)
e1 = (p, p)
e2 = (p, p)
j1, j2 = id(e1), id(e2)
del e1
del e2
e = enumerate(p)
t4 = (p, p)
print(id(t4) == j2, id(t4) == j1)
seen = []
for t in enumerate([10, 20, 30]):
    seen.append(id(t))
    t = None
print(len(seen), seen[0] == seen[1] == seen[2])
kept = [t for t in enumerate("abc")]
print(kept, kept[0] is not kept[1])
zs = []
for t in zip("ab", "cd"):
    zs.append(id(t))
print(zs[0] == zs[1])
print(list(enumerate("abc", start=5)), list(enumerate("ab", 2 ** 63 - 1)), list(enumerate("xy", -3)))
print(list(enumerate("xyz", start=2 ** 31 - 2)), list(enumerate("q", True)))
print(list(zip("abc", [1, 2])), list(zip()), list(zip([1, 2, 3])), list(zip("ab", "cd", "ef")))
total = 0
for i, (a, b) in enumerate(zip(range(1000, 2000), range(3000, 4000)), 1):
    total += i * (b - a)
print(total)
x = 5000
en = enumerate([x, x + 1])
print(sys.getrefcount(x))
print(enumerate([], foo=1))         # TypeError: exit status 1 on both
