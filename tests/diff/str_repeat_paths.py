# str * n as unicode_repeat makes it: n < 1 the empty string, n == 1 the
# string itself, else a new string of the source's kind (ASCII copied in
# place, one char filled); sizes, identity and refcounts of runtime strings.
import sys
one = chr(120)
two = chr(97) + chr(98)
wide = chr(233) + chr(0x65E5)
empty = one[:0]
for s in (one, two, wide, empty):
    for n in (-2, 0, 1, 2, 3, 7):
        r = s * n
        print(repr(r[:12]), len(r), sys.getsizeof(r), r is s, r is empty, sys.getrefcount(r) - sys.getrefcount(s) if r is s else "-")
print(len(two * 1000), (two * 1000)[1997:], 3 * one, (one * 2) is (one * 2))
