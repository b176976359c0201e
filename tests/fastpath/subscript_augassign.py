# o[i] op= x reads o[i] through copies of o and i (COPY, COPY, GETITEM);
# the loops without hooks read the item straight into the first copy's
# register (vm/cpu.h COPY). Lists, tuples (the store raises after), dicts
# with int, str and tuple keys, nested subscripts, negative indices,
# items that die on the store, and refcounts read after
# (tests/fastpath.sh compares the untraced run's RAM with the traced
# one's).
import sys

big = 10 ** 20
s = "w" + str(3)
l = [0, 1, big, s, [1], 2.5]
for k in range(30):
    l[k % 3] += k
    l[-1] *= 1.5
    l[3] += "x"
    l[4] += [k]
    l[2] -= 1
print(l[0], l[1], l[2], len(l[3]), len(l[4]), l[5], sys.getrefcount(s), sys.getrefcount(big))

d = {1: 0, "a": "", (1, 2): 0}
for k in range(20):
    d[1] += k
    d["a"] += str(k)
    d[(1, 2)] += 2
    d[k % 4] = d.get(k % 4, 0) + 1
print(d)

g = [[0] * 5 for _ in range(5)]
for k in range(100):
    g[k % 5][k * 3 % 5] += k
    g[-1][-1] += 1
print(g, sys.getrefcount(g[0]))

n = {"x": [1, 2]}
n["x"][0] += 10
print(n)
t = (1, 2)
u = [t]
u[0] += (3,)
print(u, t)
