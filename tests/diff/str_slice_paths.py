# Slices of strs: ASCII text with step 1 is cut from its bytes in place;
# other steps and wider text go through code points. Lengths 0 (the empty
# singleton), 1 (the one-char singletons: compared with chr(), since a
# one-char literal is not always the singleton in 3.11) and more (new
# objects), the whole string (itself), out-of-range and negative bounds.
import sys
texts = ["hello, world", "a", "", "héllo wörld", "日本語テキスト", "x\U0001F600y"]
bounds = [None, -20, -3, -1, 0, 1, 2, 5, 20]
h = 0
for s in texts:
    for lo in bounds:
        for hi in bounds:
            for st in [None, 1, 2, -1, -2]:
                r = s[lo:hi:st]
                h = (h * 131 + len(r) + (ord(r[0]) if r else 7)) % 2 ** 61
    print(repr(s), s[1:4], s[::2], s[::-1], s[-3:], s[:0] == "", s[:] is s, s[0:len(s)] is s)
print(h)
w = "hello, world"
one = w[4:5]
print(one is chr(111), sys.getrefcount(one) - sys.getrefcount(chr(111)), w[3:3] is w[5:5])
a = w[0:5]
b = w[0:5]
print(a == b, a is b, sys.getrefcount(a), len(a))
print(w[1:2.5])                      # TypeError: exit status 1 on both
