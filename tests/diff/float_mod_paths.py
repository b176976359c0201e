# float % float and int % float are computed in the CPU loops (float_mod,
# as float_rem does it); a zero divisor raises from the general path
# (the last line: the exit status is compared).
vals = [7.5, -7.5, 0.0, -0.0, 1.0, 2.5, -2.5, 1e300, 1e-300, 3, -3, 2 ** 40, float("inf"), 0.1]
out = []
for x in vals:
    for y in vals:
        if y == 0:
            continue
        out.append(repr(x % y))
print(" ".join(out))
acc = 0.0
x = 0.5
for i in range(1000):
    x = (x + 0.7318) % 1.0
    acc += x % 0.25 - (-x) % 0.3
print(round(acc, 9), x)
print(float("nan") % 2.0, 5.0 % float("inf"), -5.0 % float("inf"), 5.0 % float("-inf"))
print(1.5 % -0.0)                   # ZeroDivisionError: exit status 1 on both
