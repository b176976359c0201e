# reversed() as CPython's reversed_new: list -> list_reverseiterator over
# the list itself (no copy), tuple and str -> 'reversed', range -> a
# range_iterator counting down (C longs, or a longrange_iterator), dict and
# its views -> dict_reverse*iterator. Types, sizes, refcounts, ids reused,
# and what a list changed during the walk gives.
import sys
xs = [10, 20, 30, 40]
r = reversed(xs)
print(type(r), sys.getsizeof(r), sys.getrefcount(xs))
print(next(r), next(r))
xs.append(50)                    # past the index: not seen
print(list(r), sys.getrefcount(xs))
r2 = reversed(xs)
xs.pop(); xs.pop(); xs.pop()     # the index now past the end: stops
print(list(r2), xs)
ys = [1, 2, 3]
r3 = reversed(ys)
print(next(r3))
ys.clear()
print(list(r3), next(r3, "end"))
print(type(reversed((1, 2))), sys.getsizeof(reversed(())), list(reversed((1, 2, 3))))
print(type(reversed("ab")), "".join(reversed("héllo")), list(reversed("")))
t = (7, 8)
rt = reversed(t)
print(sys.getrefcount(t), next(rt), next(rt), next(rt, None), sys.getrefcount(t))
for a, b, c in [(0, 5, 1), (2, 9, 1), (9, 2, -1), (0, 10, 3), (10, 0, -3), (5, 5, 1), (-4, 4, 2), (3, -9, -4)]:
    rr = reversed(range(a, b, c))
    print(a, b, c, type(rr), list(rr), list(reversed(range(a, b, c))) == list(range(a, b, c))[::-1])
print(list(reversed(range(4))), list(reversed(range(2, 6))))
big = 2 ** 40                    # a C long on 64-bit, a longrange_iterator on 32-bit
lr = reversed(range(big, big + 9, 4))
print(list(lr))
print(list(reversed(range(-big, -big - 7, -3))))
low = -2 ** 63                   # start - step is no C long: a longrange_iterator
lr = reversed(range(low, low + 6, 2))
print(list(lr), list(reversed(range(low + 5, low, -2))))
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
d["d"] = 4
print(type(reversed(d)), list(reversed(d)))
print(type(reversed(d.keys())), list(reversed(d.keys())))
print(type(reversed(d.values())), list(reversed(d.values())))
print(type(reversed(d.items())), list(reversed(d.items())))
print(list(reversed({})), sys.getsizeof(reversed(d)), sys.getsizeof(iter(d.items())))
print([type(iter(v)) for v in (d, d.keys(), d.values(), d.items())])
print(type(iter(d.values())) is type(iter(d)), type(reversed(xs)) is type(iter(xs)))
# the items iterators hand the same tuple back while nothing else holds it
for k, v in d.items():
    pass
ids = []
for item in d.items():
    ids.append(id(item))
distinct = {}
for i in ids:
    distinct[i] = 1
print(len(ids), len(distinct))
keep = [item for item in reversed(d.items())]
print(keep, id(keep[0]) != id(keep[1]) != id(keep[2]))
words = "the quick brown fox".split()
print(" ".join(reversed(words)), [w for w in reversed(words) if "o" in w])
n = 0
for w in reversed(words):
    n += len(w)
print(n, sys.getrefcount(words))
