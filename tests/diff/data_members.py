# The data members of the built-in types: range's start, stop and step
# (the int objects the range holds), int's real and numerator (the int
# itself; a bool's are the int 0 or 1), imag 0 and denominator 1, float's
# real (the float itself) and imag (a new 0.0 each time); their ids,
# refcounts, and the AttributeError of a name range lacks, with its
# "Did you mean" (last line).
import sys
r = range(2, 2000, 300)
print(r.start, r.stop, r.step, range(5).start, range(-3, 8).stop, range(9).step)
before = sys.getrefcount(r.stop)
keep = r.stop
print(r.stop is r.stop, sys.getrefcount(r.stop) - before, keep)
big = 10 ** 15
w = range(big, big * 2, big // 7)
print(w.start is big, w.step, len(w))
n = 123456
print(n.real, n.imag, n.numerator, n.denominator, n.real is n, n.numerator is n)
print(True.real, False.imag, True.numerator, True.denominator, type(True.real))
print((-7).real, (2 ** 70).numerator, (2 ** 70).real is (2 ** 70).real)
x = 2.75
print(x.real, x.imag, x.real is x, x.imag is x.imag, type(x.imag))
a = x.imag
b = x.imag
print(a is b, id(a) == id(b), sys.getrefcount(x) - sys.getrefcount(a))
print([k.real for k in range(3)], [f.imag for f in [1.5, -0.0]])
print(r.stat)
