# sum, min and max walk a list's floats in place (no reference taken per
# item): C's '+', '<' and '>' must give what float_richcompare and sum's
# float loop give, NaN, signed zeros, infinities and the change of type
# mid-list included (3.12 compensates the sum: Neumaier).
import sys
nan = float("nan")
cases = [[0.1] * 10, [1e100, 1.0, -1e100], [0.0, -0.0], [-0.0, 0.0], [nan, 1.0, 2.0], [1.0, nan, 2.0],
         [float("inf"), 1.0, float("-inf")], [1.5, 2, 3.5, True], [2.5, 1, 0.5], [1, 2.5, 0.5],
         [3.0, "x"] if False else [3.0, 2.0], [5e-324, -5e-324], [x * 0.37 - 50.0 for x in range(1000)]]
for c in cases:
    print(repr(sum(c)), repr(sum(c, 0.5)), repr(max(c)), repr(min(c)), max(c) is c[c.index(max(c))] if max(c) == max(c) else "nan")
xs = [i * 0.37 - 500.0 for i in range(5000)]
m = max(xs)
before = sys.getrefcount(m)
print(repr(sum(xs)), repr(max(xs)), repr(min(xs)), max(xs) is m, sys.getrefcount(m) - before)
print(max([1.0, "a"]))              # TypeError: exit status 1 on both
