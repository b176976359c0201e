# for a, b in zip(xs, ys) over two list iterators: the result tuple
# reused while nothing else holds it (ids and refcounts), the shorter list
# ending the loop, one iterator twice (zip(it, it)), a list changed during
# the walk, the tuple kept (then a new one each step), items that die
# when the tuple lets them go.
import sys
xs = [i * 1000 for i in range(1, 5)]
ys = [i * 999 for i in range(1, 4)]
for a, b in zip(xs, ys):
    print(a, b, sys.getrefcount(a), sys.getrefcount(b), sys.getrefcount(xs[0]))
it = iter([1, 2, 3, 4, 5])
print([p for p in zip(it, it)], next(it, "end"))
zs = [[i] for i in range(4)]
kept = []
for a, b in zip(zs, zs[1:]):
    print(a, b, sys.getrefcount(a), len(zs))
    if len(kept) < 2:
        kept.append((a, b))
    zs.append([len(zs)]) if len(zs) < 6 else None
print(kept)
tid = []
for t in zip([1, 2, 3], [4, 5, 6]):
    tid.append(id(t))
print(tid[0] == tid[2], tid[0] != tid[1])
hold = []
for t in zip([1, 2, 3], [4, 5, 6]):
    hold.append(t)
print(hold, id(hold[0]) != id(hold[1]) and id(hold[1]) != id(hold[2]))
def fresh(n):
    return [[k] * 2 for k in range(n)]
for a, b in zip(fresh(3), fresh(4)):
    print(a, b, sys.getrefcount(a))
z = zip([[7]], [[8]])
for a, b in z:
    pass
print(a, b, sys.getrefcount(a), sys.getrefcount(b))
del z
print(sys.getrefcount(a), sys.getrefcount(b))
