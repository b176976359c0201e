# f-string format specs and % formatting: pure output.
pi = 3.14159265
n = 1234567
print(f"{pi:.2f}|{pi:10.4f}|{pi:<10.1f}|{pi:^10.3f}|{pi:+.1e}|{pi:g}")
print(f"{n:,}|{n:_}|{n:>12,}|{n:012d}|{-n:+,}|{n:x}|{n:#o}|{n:b}")
print(f"{0.125:.1%}|{1/3:.5}|{2.5:.0f}|{3.5:.0f}|{1e21:.2f}|{123.456:.2e}")
name = "tracevm"
print(f"[{name:>10}][{name:<10}][{name:^11}][{name:.4}][{name!r}][{name:*>9}]")
print(f"{'a'}{1}{2.0}{None}{True}{[1, 2]}{(3,)}{ {'k': 1} }")
w = 8
print(f"{n:{w}}|{pi:{w}.{2}f}|{name:>{w}}")
print("%d|%5d|%-5d|%05d|%+d|%x|%X|%o|%e|%.3f|%10.2f|%-8s|%r|%%" % (42, 42, 42, 42, 42, 255, 255, 8, 1234.5, pi, pi, "hi", "hi"))
print("%s and %s" % ("one", 2), "%c%c" % (72, "i"), "%.2s" % "abc", "%5.1f%%" % 99.44)
print(format(n, ","), format(pi, ".3f"), str(n).rjust(10, "."), str(n).center(11, "*"))
print(f"{10**20}|{2**0.5}|{1e16}|{1e-7}|{-0.0}|{100.0}|{1.5e300*1e10}")
