# sum() adds ints that fit a C long, and floats, in C: no int or float
# objects are made in between, only the total at the end (CPython's
# builtin_sum_impl). The first item that does not fit leaves the fast loop
# for good. 3.12 compensates float rounding (Neumaier); 3.11 does not.
print(sum([1, 2, 3]), sum([]), sum([], 5), sum([True, True, 2]), sum([], True))
print(sum([1.5, 2.25, 3]), sum([1, 2.5, 3.5]), sum([0.1] * 10))
print(sum([10 ** 20, 1, 2]), sum([2 ** 62, 2 ** 62, 1]), sum([-2 ** 63, -1]))
print(sum([2 ** 31 - 1, 1]), sum([-2 ** 31, -1]), sum([2 ** 31, 0.5]))
print(sum([1, 2], 10 ** 30), sum([1e308, 1e308, -1e308]), sum([1e308, 1e308]))
print(sum(range(1000)), sum([x * 0.5 for x in range(7)], 0.25))
a = [0.1, 0.2, 0.3]
print(sum(a), sum(a, 1), sum([1, 2], 0.5), sum([0.1, 0.2, 10 ** 30, 0.3]))
print(sum([[1], [2]], []), sum([(1,), (2,)], ()), sum([3, 4.5, 10 ** 40, 1.0]))
print(sum([-0.0, -0.0]), sum([], -0.0), sum([1e16, 1.0, -1e16]))
# the total is the only new object: it takes the block the last freed int left
y = 1000
x = y * 3
ix = id(x)
del x
s = sum([1000, 2000, 4000])
print(id(s) == ix, s)
f = 3.25
g = f * 2.0
ig = id(g)
del g
t = sum([1.5, 2.5, 0.25])
print(id(t) == ig, t)
