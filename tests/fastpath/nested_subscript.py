# g[y][x]: the loops without hooks take the row's item straight into the
# second GETITEM's register (vm/cpu.h GETITEM). Lists and tuples of them,
# negative and constant indices, rows that are temporaries and die there
# (a call's fresh list of lists), dying index values, and the ids and
# refcounts after (tests/fastpath.sh compares the untraced run's RAM with
# the traced one's).
import sys


def grid(n):
    return [[y * n + x for x in range(n)] for y in range(n)]


def fresh(k):
    return [[k, k + 1, [k]], (k * 2, str(k))]


def walk(g, t):
    s = 0
    n = len(g)
    for y in range(1, n - 1):
        for x in range(1, n - 1):
            s += g[y - 1][x] + g[y + 1][x] + g[y][x - 1] + g[y][x + 1] + g[-1][-2] + t[1][0]
    return s


g = grid(6)
t = ((1, 2), (3, 4))
print(walk(g, t), walk([(1, 2, 3)] * 3, t))
tot = 0
for k in range(40):
    tot += fresh(k)[0][1] + len(fresh(k)[1][1]) + fresh(k)[0][2][0]
    big = [[10 ** 20 + k]]
    v = big[0][0]
    tot += v % 7 + [[k]][0][0]
print(tot, sys.getrefcount(g[0]), sys.getrefcount(t[1]), id(fresh(1)[0][2]) != 0)
