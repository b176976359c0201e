# x ** y, -x and abs(x) of small ints and floats are computed outside the
# general paths when nothing is traced (pow_fast, negate_fast): the values,
# the ids (a non-negative int's abs is the int itself, a float's is a new
# float), refcounts and the special cases the general paths keep.
import sys
vals = [0, 1, -1, 2, -3, 7, 255, 256, -256, -257, 2 ** 30, -(2 ** 31), 2 ** 59, -(2 ** 60),
        0.0, -0.0, 0.5, -0.5, 2.0, 1e300, 1e-300, 3.25, -7.75, float("inf"), float("-inf"), 1.0]
out = []
for x in vals:
    out.append(repr(-x))
    out.append(repr(abs(x)))
    out.append(str(abs(x) is x))
    for y in [0, 1, 2, 3, 5, 13, 40, 63, 64, 0.5, 2.0, -1.5, 1e-300, 0.0, -2]:
        if x == 0 and y < 0:
            continue
        if x < 0 and isinstance(y, float) and y != int(y):
            continue
        if isinstance(x, float) and (abs(x) >= 1e300 or 0 < abs(x) <= 1e-300) and y not in (0, 1, 0.5, 0.0):
            continue
        out.append(repr(x ** y))
print(" ".join(out))
a = 300
b = abs(a)
print(a is b, sys.getrefcount(a) - sys.getrefcount(b))
n = -300
m = abs(n)
print(m, m is n, -m == n, -(-n) is n)
f = 2.5
print(abs(f) is f, abs(f) == f, -(-f) == f, -(-f) is f)
acc = 0.0
x = 0.5
for i in range(2000):
    y = x * x / (1.0 + x)
    acc += y ** 0.5 - abs(x - 0.25) + (-y) ** 2 + i ** 2 % 7 - abs(-i) + 2 ** (i % 40)
    x = (x + 0.7318) % 1.0
print(round(acc, 6))
print(abs(True), abs(False), -True, 2 ** -1, 10 ** 20, (-2) ** 63, 3 ** 40, (-3) ** 39)
print(2.0 ** 0.5, 2 ** 0.5, 0.5 ** 1074, 10.0 ** -320, 1.0000001 ** 1e9)
print(10.0 ** 400)                  # OverflowError: exit status 1 on both
