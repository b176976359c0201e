# One ASCII char looked for eight bytes at a time (vm/lib_str.c
# ascii_eq_bytes): find and split in short text, count, and replace of one
# char by one char or by several, at every position around the 8-byte steps
# and with start/end bounds that cut a step in two.
import sys
base = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL"
for n in (0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 48):
    s = base[:n]
    for c in ("a", "h", "i", "p", "q", "5", "L", "~"):
        row = [s.find(c), s.count(c), s.split(c), s.replace(c, "."), s.replace(c, "<>"), s.find(c, 3), s.count(c, 2, 11)]
        print(n, c, row)
text = "the cat sat on the mat; the bat ate the rat " * 3
for c in "t ae;z":
    print(repr(c), text.count(c), text.count(c, 5), text.count(c, 9, 70), text.count(c, -20), len(text.split(c)))
    r = text.replace(c, "_")
    print(r[:40], r.count("_"), sys.getsizeof(r), text.replace(c, "--", 4)[:30], text.replace(c, "", 3)[:30])
mixed = "ab\u00e9ab\u00e9" * 4
print(mixed.count("a"), mixed.find("b", 4), mixed.replace("a", "x"), mixed.split("b")[:3])
