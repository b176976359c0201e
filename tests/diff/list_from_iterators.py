# list() and extend() take a list iterator's items from where it stands,
# then exhaust it (it drops its list); sum() adds bools and ints of a
# list in place. The bulk paths (vm/ops.c extend_from_listiter, b_sum)
# must leave every count, id and item as the item-by-item loop does.
import sys
a = [10 ** 20, "-".join(["x", "y"]), (4,), 7, None]
it = iter(a)
next(it)
rc = sys.getrefcount(a)
b = list(it)
print(b, sys.getrefcount(a) - rc, list(it), sys.getrefcount(a[0]))
it2 = iter(a)
e = [1]
e.extend(it2)
print(e, next(it2, "done"), sys.getrefcount(a[1]))
c = list(reversed(a))
print(c, sys.getrefcount(a[0]))
del b, c, e
print(sys.getrefcount(a[0]), sys.getrefcount(a[2]))
print(list(map(abs, [-1, -2, 3])), sorted(iter([3, 1, 2])), tuple(iter([1, 2])))
d = [True, False, True] * 5 + [3, True]
print(sum(d), sum([True] * 7), sum([False, 2 ** 40, True]), sum([True, 2.5]), sum([True, 2 ** 62, 2 ** 62]))
print(sum([True, False], 10), sum([], True), sum([2 ** 63 - 1, True]), sum([-2 ** 63, -1, False]))
