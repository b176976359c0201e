# tests/diff/str_short_copies.py: ASCII strings of every length from 0 to
# 40, built by slicing, +, split, replace, upper and join. heap/util.h's
# copy_short moves up to 32 bytes in overlapping words (4, 8 and 16 at
# a time): every length checks where those words meet.
base = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ"
for n in range(41):
    s = base[:n]
    t = s + "|" + s
    parts = (s + " " + s[::-1]).split(" ")
    r = t.replace("|", "--")
    u = (s + s).replace("a", "")
    v = str(10 ** n) + s
    print(n, t, r, u, parts, s.upper(), "".join([s, "x", s]), v, f"<{s}>")
