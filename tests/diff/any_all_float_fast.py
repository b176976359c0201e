# any(), all() and float() as the CPU loops answer them for lists and
# tuples of bools, None and small ints, and for a float or a small int:
# the iterator made and released (its sequence's refcount back), the
# deciding item anywhere, other items falling back to the general path;
# float(x) of a float is x itself, of an int a new float.
import sys
l = [0, 0, 3, 0]
t = (True, 1, None, 5)
e = []
big = 10 ** 20
print(any(l), all(l), any(t), all(t), any(e), all(e), any(()), all(()), sys.getrefcount(l), sys.getrefcount(t))
print(any([0, None, False]), all([1, True, -1]), any([0, big]), all([1, big, 0]), any([0, "x"]), all([1, ""]))
print(any([1, "x"]), all([0, "x"]), any((0.0, 0)), all((2.5, 1)), any([[], 0]), all([[1], 1]))
x = 2.5 + len(l)
print(float(x) is x, float(7), float(-3), float(2 ** 59 + 1), float(2 ** 53 + 1), float(True), float(big), float(-0))
s = 0.0
n = 0
for i in range(3000):
    s += float(i) / 7
    m = [i % 3, i % 5]
    if any(m):
        n += 1
    if all((i % 2, i % 7)):
        n += 2
print(s, n, sys.getrefcount(m))
