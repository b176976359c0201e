# Chained comparisons in an if or a while: the loops without hooks take
# the branch where the chain's bool would be tested (vm/cpu.h
# chain_branch): after the last comparison's JMP, and after an earlier
# comparison's ANDJMP, whose target first releases the middle operand.
# Every position the chain can fail at, operands that die there (fresh
# floats, ints past the small ones, strs made per item), types that compare
# through the general path, and refcounts read right after.
import sys


def classify(xs, lo, hi):
    inside = below = above = 0
    for x in xs:
        if lo <= x < hi:
            inside += 1
        elif x < lo <= hi:
            below += 1
        else:
            above += 1
    return inside, below, above


def fresh(n):
    t = 0
    i = 0
    while 0 <= i * 1.5 < n * 1.5:            # a float made and dropped each test
        if -1 < i * 1000 <= n * 500 < 10 ** 9:   # three comparisons, ints past 256
            t += 1
        i += 1
    return t


def letters(s):
    n = 0
    for ch in s:
        if "a" <= ch <= "z" or "A" <= ch + "" <= "Z":   # the second chain's middle is a new str
            n += 1
        if not ("0" <= ch <= "9"):
            n += 100
    return n


def mixed(vals):
    n = 0
    for v in vals:
        if 0 <= v < 2.5:        # int, float, bool: each through its own compare
            n += 1
    return n


mid = 10 ** 20
vals = [0, 1, 2, -1, 2.5, 2.4999, True, False, 0.0, -0.0, mid]
print(classify(list(range(-5, 15)), 3, 9), classify([mid, -mid, 0], 0, mid))
print(fresh(40), fresh(0))
print(letters("Hello, World 42! zAZ{@`"))
print(mixed(vals), sys.getrefcount(mid), sys.getrefcount(True) > 0)
print(classify(["b", "a", "z", "q"], "b", "r"))
