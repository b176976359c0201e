# An f-string of one field is the formatted value itself (CPython emits
# FORMAT_VALUE alone, no BUILD_STRING): f"{s}" is s for a str, and so is
# f"{s:spec}" when the spec leaves s as it is (no width beyond its length,
# no precision below it: format_string_internal's fast path). Anything
# else is a new str. Refcounts show the reference the result holds.
import sys
s = "three"
t = "a" + str(len(s))
print(f"{s}" is s, f"{t}" is t, f"{s:>5}" is s, f"{s:5}" is s, f"{s:.5}" is s, f"{s:.9}" is s, f"{s:}" is s)
print(f"{s:>6}" is s, f"{s:.4}" is s, f"{s:<6}" == "three ", f"{s}{s}" is s, f"{s!r}" is s, f"x{s}" is s)
r = "b" + str(len(s))
u = f"{r}"
v = f"{t:3}"
print(sys.getrefcount(r), sys.getrefcount(t), u is r, v is t)
w = "h\u00e9llo"
print(f"{w}" is w, f"{w:5}" is w, f"{w:^7}", f"{w:.2}", format(w, "5") is w, format(s, "") is s)
n = 12345
print(f"{n}", f"{n:5}", f"{n}" == str(n), f"{3.5}", f"{True}", f"{None}")
