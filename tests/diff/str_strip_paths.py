# strip, lstrip and rstrip: whitespace (including \x1c-\x1f, \x85 and \xa0)
# and given chars, on ASCII text (read in place) and wider text (a host
# copy); the string itself when nothing goes, the one-char singletons,
# "" when everything goes.
import sys
texts = ["  ab c  ", "ab", "", "   ", "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f x \x85\xa0", "xxaxyx", " é ", "éaé", "日本 ", " \U0001F600\U0001F600 ", "a", " a "]
charsets = [None, "", "x", "xy", " a", "é", "日", "\U0001F600", "abc "]
for s in texts:
    for c in charsets:
        r = [s.strip(c), s.lstrip(c), s.rstrip(c)]
        print(repr(s), repr(c), [repr(x) for x in r], [x is s for x in r], [len(x) for x in r])
x = " k ".strip()
# against chr(): in 3.11 a one-char literal is not always the singleton
print(x is chr(107), sys.getrefcount(x) - sys.getrefcount(chr(107)), "  ".strip() == "")
print(" z ".strip(None), "zz".rstrip("z") == "", len("ab  ".rstrip()))
print("ab".strip(5))                   # TypeError: exit status 1 on both
