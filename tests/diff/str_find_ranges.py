# find, rfind, count (and index, rindex where found) over every start and
# end from -9 to 9 and None, for ASCII text (searched in place), latin-1,
# BMP and astral text (host copies), empty and one-char needles,
# overlapping matches ("aa" in "aaaaa") and needles wider than the text.
texts = ["abcabcab", "aaaaa", "", "xé-éx", "日本日本語", "a\U0001F600b\U0001F600", "the lazy dog lazy"]
subs = ["", "a", "ab", "aa", "é", "日本", "\U0001F600", "lazy", "zzz", "abcabcabc"]
bounds = [None, -9, -3, -1, 0, 1, 2, 4, 9]
h = 0
for s in texts:
    for t in subs:
        row = [s.find(t), s.rfind(t), s.count(t)]
        for lo in bounds:
            for hi in bounds:
                f, rf, c = s.find(t, lo, hi), s.rfind(t, lo, hi), s.count(t, lo, hi)
                h = (h * 131 + (f + 2) * 7 + (rf + 2) * 3 + c) % 2 ** 61
                if f >= 0:
                    h = (h * 131 + s.index(t, lo, hi) + 5 * s.rindex(t, lo, hi)) % 2 ** 61
        print(repr(s), repr(t), row)
print(h)
