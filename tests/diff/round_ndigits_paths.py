# round(x, n): below 2**53 with 0..17 places tracevm rounds through the
# exact fixed-point digits, anything else through the full decimal
# expansion; both must give CPython's double (ties of the exact binary
# value to even, signed zeros kept, overflow raised).
vals = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 2.675, 1.005, 0.285, 1 / 3, -1 / 7,
        123456.789, -0.001, 0.004999, 9007199254740991.0, 9007199254740992.0, 1e16, 1e22,
        -1e300, 5e-324, 1e-7, 1.7976931348623157e308]
for v in vals:
    print([round(v, n) for n in (0, 1, 2, 3, 5, 10, 16, 17, 18, 30, -1, -2, -20)])
x = 0.1
acc = 0.0
for i in range(3000):
    x = x * 1.37 % 1000.0 - 3.3
    acc += round(x, 2) + round(x / 7, 4) + round(x * 3, 0)
print(repr(acc))
print(round(1.7976931348623157e308, -308))  # OverflowError: exit status 1 on both
