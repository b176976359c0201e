# "if a and b:" / "if a or b:" / "while a and b:": the and/or value lands
# in a temporary of its own, which a MOVE hands to the JMPIF / JMPIFNOT
# temporary; the loops without hooks test it where it lies, empty it and
# release it (vm/cpu.h MOVE). Values that die on that release (a fresh
# list, a big int, a str), the bools and None, refcounts read after, and
# the ids the next objects take (tests/fastpath.sh compares the untraced
# run's RAM with the traced one's).
import sys


def fresh(n):
    return [n] * n


def walk(xs):
    hits = 0
    i = 0
    while i < len(xs) and xs[i] is not None:
        if xs[i] and fresh(i % 3):
            hits += 1
        if xs[i] or fresh(i % 2):
            hits += 10
        if not xs[i] and str(i):
            hits += 100
        if (xs[i] or 0) and (i * 2 ** 70 or xs[i]):
            hits += 1000
        i += 1
    return hits, i


s = "k" + str(7)
big = 3 ** 50
vals = [0, 1, "", s, [], [s], (), (big,), {}, 0.0, 2.5, False, True, big, None, 5]
print(walk(vals), sys.getrefcount(s), sys.getrefcount(big))
a = [1]
b = []
print(id([2]) - id(a) != 0, (a and b) is b, (b or a) is a, sys.getrefcount(a), sys.getrefcount(b))
n = 0
while n < 50 and (n % 7 or n < 3):
    n += 1
print(n)
