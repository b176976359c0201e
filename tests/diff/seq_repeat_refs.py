# xs * n and t * n: each item gains n references (a heap int, a made str,
# a tuple, an immortal None or small int), the slots hold the pattern in
# order, and the ids are the originals'. The bulk path (vm/ops.c
# repeat_items: counts added at once, slots copied doubling) must leave
# every count as list_repeat's item-by-item loop does.
import sys
big = 10 ** 20 + 1
name = "-".join(["a", "b"])
tup = (big, name)
xs = [big, name, tup, None, 5]
before = [sys.getrefcount(v) for v in (big, name, tup)]
ys = xs * 7
after = [sys.getrefcount(v) for v in (big, name, tup)]
print([a - b for a, b in zip(after, before)], len(ys))
print(ys[5] is big, ys[31] is name, ys[-3] is tup, ys[:5] == xs, ys[-5:] == xs)
zs = [big] * 1000
print(sys.getrefcount(big) - after[0], len(zs), zs[999] is big)
ts = tup * 3
print(ts, sys.getrefcount(name) - after[1], sys.getsizeof(ts))
e = [big, name] * 0
print(e, sys.getrefcount(big) - after[0], sys.getsizeof(e))
one = [name] * 1
print(one, sys.getrefcount(name) - after[1])
del ys, zs, ts, one
print([sys.getrefcount(v) - b for v, b in zip((big, name, tup), before)])
grid = [[0] * 3] * 4
grid[0][1] = 9
print(grid, sys.getrefcount(grid[0]))
