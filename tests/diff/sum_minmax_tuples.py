# sum(), min() and max() of a tuple read its small ints and floats where
# they lie, as they do for a list, and leave the tuple iterator at the first
# item they do not take for the general loop: a big int, a str, a float
# after ints. Refcounts show that the winner gains exactly one reference
# and nothing else changes.
import sys
big = 10 ** 20
w = 300 + len("abc")
t = (5, w, -7, 2, w)
u = (1.5, -2.5, 3.25, 3.25)
print(sum(t), min(t), max(t), sum(u), min(u), max(u), sys.getrefcount(w))
m = max(t)
print(m is w, sys.getrefcount(w))
print(sum((1, 2, big, 3)), max((1, big, 2)), min((3, big, -big)), sum((1, 2.5, 3)), sum((2.5, 1, 3)))
print(min((3, 1.5, 2)), max((1.5, 3, 2.5)), max((2.0, 2)), min((2, 2.0)), sum(()), sum((), 7))
print(max(("b", "a", "c")), min(("b", "a")), sum((True, True, 1)), max((False, True)), min((1, True)))
a, b = (7, 1e300), (1e300, 1e300, -1e300)
print(sum(a), sum(b), max(a), min(b), sum((2 ** 62, 2 ** 62, 2 ** 62)), sum((-2 ** 62, -2 ** 62, -2 ** 62)))
r = (w, w, w)
x = min(r)
print(x is r[0], sys.getrefcount(w), sum(r), sys.getrefcount(w))
