# tests/diff/str_pad_fresh.py: ljust, rjust, center and zfill make a new
# string when they pad (CPython's pad(): PyUnicode_New, never the
# one-char singleton), the string itself when they do not; ASCII text is
# written in place, wider text through code points.
import sys
one = " "
zero = "0"
print("".ljust(1) is one, "".rjust(1) is one, "".center(1) is one, "".zfill(1) is zero)
print("".ljust(1, "x") is "x", "".center(1, "é") is "é", "é".ljust(1) is "é")
for s in ["", "a", "ab", "-7", "+42", "x-1", "é", "-é", "日本", "\U0001F600"]:
    for w in [0, 1, 2, 3, 5, 8]:
        r = [s.ljust(w), s.rjust(w), s.center(w), s.center(w, "*"), s.zfill(w), s.ljust(w, "é")]
        print(repr(s), w, r, [x is s for x in r], [sys.getsizeof(x) - sys.getsizeof(s) for x in r])
t = "n" + str(sys.getrefcount(one))
print(t.ljust(3) is t.ljust(3), sys.getrefcount(t))
