# format(x, '.Nf'), f-strings and str.format with 'f' and '%': below 2**53
# with at most 17 places the digits come from the exact fixed-point
# conversion; every flag (z, #, sign, width, fill, grouping) must still
# lay them out as CPython does.
vals = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 2.675, 1.005, 1 / 3, -1 / 7, 123456.789,
        -0.001, 0.004999, 9007199254740991.0, 9007199254740992.0, 1e16, 1e22, -1e300,
        5e-324, float("inf"), float("-inf"), float("nan")]
specs = ["f", ".0f", ".1f", ".2f", ".3f", ".10f", ".17f", ".18f", "F", "z.2f", "z.0f", "#.0f", "+.2f",
         " .2f", "10.2f", "<10.2f", "^12.3f", "*>12.1f", "012.2f", ",.2f", "_.3f", ".2%", "z.1%", "#.0%"]
for v in vals:
    print("|".join(format(v, s) for s in specs))
print("{:.2f}|{:>8}|{:<5}|{:,.2f}".format(1234.5678, 42, 7, 9876543.21), f"{2.5:.0f} {3.5:.0f} {-0.004:z.2f}")
print("{0:.{1}f}|{x:{w}.{p}f}".format(3.14159, 3, x=2.71828, w=9, p=2))
acc = 0
for i in range(3000):
    s = "{:.2f}|{:>8}|{:<5}".format(i / 3.0, i, i % 100)
    acc += len(s) + ord(s[3])
print(acc)
