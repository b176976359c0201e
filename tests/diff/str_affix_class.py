# startswith/endswith (ASCII compared in place, wider text by code point;
# tuples of prefixes, start and end, bounds past the ends) and isdigit,
# isalpha, isspace, isalnum over Latin-1: isalnum is isalpha, isdecimal,
# isdigit or isnumeric, so the superscripts and the fractions count.
texts = ["item9", "", "hello world", "h\u00e9llo", "\u00e9t\u00e9", "a\u00b2\u00bd", "x\U0001F600y", "  \t\n"]
probes = ["", "i", "item", "item9x", "\u00e9", "llo", "o", "y", ("a", "h"), ("zz", "")]
h = 0
for s in texts:
    for p in probes:
        for lo, hi in [(None, None), (1, None), (0, 3), (-3, None), (2, 1), (10, 20), (-20, -1)]:
            r = (s.startswith(p, lo, hi) if lo is not None or hi is not None else s.startswith(p),
                 s.endswith(p, lo, hi) if lo is not None or hi is not None else s.endswith(p))
            h = (h * 7 + 2 * r[0] + r[1]) % 2 ** 61
print(h)
for c in range(256):
    ch = chr(c)
    k = (ch.isdigit(), ch.isalpha(), ch.isspace(), ch.isalnum())
    if any(k):
        print(c, "".join("1" if x else "0" for x in k), end="; ")
print()
for s in texts:
    print(repr(s), s.isdigit(), s.isalpha(), s.isspace(), s.isalnum())
print("ab".startswith(("x", "a")), "ab".endswith(("b",), 0, 1))
print("ab".startswith(5))                   # TypeError: exit status 1 on both
