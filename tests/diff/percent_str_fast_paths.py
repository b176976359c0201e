# '%d' and '%s' with nothing between '%' and the letter, and str() of one
# int: tracevm answers an int below 2**60 and a str without parsing a
# spec; bools, floats, big ints and everything after the first other
# argument take the general path, and the results must not differ.
import sys
vals = [0, 7, -7, 2 ** 30, -2 ** 31, 2 ** 60 - 1, 2 ** 60, -2 ** 60, 2 ** 64 + 3, True, False, 3.75, -0.5]
for v in vals:
    print("%d" % v, "[%d]" % (v,), "%s|%d" % ("x", v), str(v) if type(v) != float else "")
for s in ["", "a", "héllo", "日本", "x" * 40]:
    print("%s" % s, "<%s>" % (s,), "%s%s" % (s, s), len("%s-%d" % (s, len(s))))
print("%s" % 5, "%s" % None, "%s" % [1, "a"], "%s" % (1.5,), "%d%%" % 50, "%5d|%-4s|" % (3, "ab"))
a = str(12345)
b = str(12345)
print(a == b, a is b, sys.getrefcount(a))
n = 0
for i in range(300):
    n += len(str(i * 1000003)) + len("%d:%s" % (i, str(-i)))
print(n)
print("%d %d" % (1,))               # TypeError: exit status 1 on both
