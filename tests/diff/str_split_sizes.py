# The list str.split returns, by its size: CPython preallocates
# min(maxcount + 1, 12) slots (3.12 bounds an unlimited maxcount by what
# the text can hold: (len - 1) // 2 + 1 pieces on white space in C's
# division, len // len(sep) + 1 by a separator), and a separator longer
# than the text, or of a wider kind, gives a list of one slot holding the
# text itself.
import sys
for s, sep in [("ab", "abc"), ("ab", "b"), ("", ","), ("", None), ("ab", None), ("a b", None),
               ("a b c", None), ("abcdef", "cd"), ("x,y,z,w", ","), ("  ", None), ("a", "a")]:
    for m in (-1, 0, 1, 2, 5):
        l = s.split(sep, m)
        print(repr(s), repr(sep), m, l, sys.getsizeof(l))
for L in range(0, 22):
    s = "x" * L
    print(L, sys.getsizeof(s.split()), sys.getsizeof(s.split(",")), sys.getsizeof(s.split(",,")),
          sys.getsizeof(s.split("abc")), sys.getsizeof(("a b" * L).split()), sys.getsizeof(("\u00e9" * L).split(",")))
for s, sep in [("ab", "\u20ac"), ("abcd", "\u20ac"), ("abc\u20ac", "\u20ac"), ("ab", "\u00e9"),
               ("\u20ac\u20ac\u20ac", "\u00e9"), ("\U0001d11ex", "\u20ac"), ("abcdef", "\U0001d11e")]:
    l = s.split(sep)
    print(l, sys.getsizeof(l), l[0] is s)
