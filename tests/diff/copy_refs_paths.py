# Slices (steps 1, 2, -1, -2), concatenations, list.copy() and tuple() of a
# list: each item of the new sequence gains a reference, in order. The
# bulk path (heap_copy_refs: host loads and stores when nothing observes)
# must leave every count as the item-by-item loop does, on every word size.
import sys
big = 10 ** 30 + 3
s = "-".join("ab")
xs = [big, s, None, 7, (big,), big]
b0 = sys.getrefcount(big)
ys = xs[1:5]
zs = xs[::-1]
ws = xs[5:0:-2]
t = tuple(xs)
u = t[::2] + t[1:3]
v = xs + ys
c = xs.copy()
e = xs[3:3]
f = t[4:1]
print(ys, zs, ws, u, len(v), c == xs, e, f, t[:] is t)
print(sys.getrefcount(big) - b0, sys.getrefcount(s))
del ys, zs, ws, t, u, v, c
print(sys.getrefcount(big) - b0, sys.getrefcount(s))
