# '%.Nf' with nothing to pad: tracevm writes the exact fixed-point digits
# straight out for a finite value below 2**53 and at most 17 places; wider
# specs, flags, bigger values, inf and nan take the general path. Both
# must print what CPython prints, ties and negative zero included.
vals = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1 / 3, -1 / 7, 2.675, 1.005,
        123456.789, -0.001, 0.004999, 9007199254740991.0, 9007199254740992.0,
        1e16, 1e22, -1e300, 5e-324, 1e-7, float("inf"), float("-inf"), float("nan")]
for v in vals:
    print("%f|%.0f|%.1f|%.2f|%.3f|%.10f|%.17f|%F" % (v, v, v, v, v, v, v, v))
    print("%8.2f|%-8.2f|%+.2f|% .2f|%08.2f|%#.0f|%.18f" % (v, v, v, v, v, v, v))
x = 0.1
acc = 0
for i in range(2000):
    x = x * 1.37 % 1000.0 - 3.3
    s = "%.2f:%.4f:%.0f" % (x, x / 7, x * 3)
    acc += len(s) + ord(s[-1])
print(acc)
