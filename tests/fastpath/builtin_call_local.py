# f(x) for a builtin f and a local or constant x: the loops without hooks
# answer it at the LOADGLOBAL (vm/cpu.h), the result into the call's
# register or the local the next MOVE takes it to. len, ord, chr, abs,
# str, float, sum, any, all, list, tuple, range, enumerate and zip of one
# argument; x replaced by its own result (the old value dying there); a
# builtin shadowed by a global (not taken); refcounts read after
# (tests/fastpath.sh compares the untraced run's RAM with the traced
# one's).
import sys


def walk(xs, s):
    t = 0
    for x in xs:
        n = len(xs)
        c = ord(s)
        d = chr(c)
        t += n + c + len(d) + abs(x) + len("abc")
        u = str(x)
        t += len(u)
        f = float(x)
        t += int(f)
        x = abs(x)
        x = str(x)
        t += len(x)
    return t


def seqs(xs):
    a = sum(xs)
    b = any(xs)
    c = all(xs)
    d = list(xs)
    e = tuple(xs)
    r = range(a)
    g = len(r)
    for i, v in enumerate(xs):
        g += i * v
    for p in zip(xs):
        g += p[0]
    return a, b, c, d, e, g, sys.getrefcount(d), sys.getrefcount(xs)


big = -(10 ** 25)
s = "q" + str(7)
xs = [3, -4, big, 0, 7]
print(walk(xs, "a"), sys.getrefcount(big), sys.getrefcount(s))
print(seqs([3, -4, 0, 7]), seqs((1, 2, 3)), seqs([]))


def mylen(o):
    return 99


def shadowed(o):
    return len(o) + abs(-1)


print(shadowed([1]))
len = mylen
print(shadowed([1]), len("abc"))


def two(n, base, xs, ys):
    s = 0
    while n > 0:
        n, r = divmod(n, base)
        q = divmod(r, 3)
        s += r + q[0]
    k = isinstance(n, int)
    j = isinstance(xs, tuple)
    for i in range(base, 20):
        s += i
    for i in range(1, 30, base):
        s += i
    for i, x in enumerate(xs, 5):
        s += i * x
    for a, b in zip(xs, ys):
        s += a - b
    for a, b, c in zip(xs, ys, xs):
        s += a * b * c
    d = divmod(big, base)
    return s, k, j, d, sys.getrefcount(d[0])


print(two(10 ** 18 + 7, 7, [1, 2, 3], (4, 5, 6)), two(5, 2, [], ()))
