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
# a step other than 1 always makes a new string (unicode_subscript's general
# case), one char long too; step 1 gives the singleton
d = "abc" + chr(100)
u = "é" + d
print(d[::-3] is chr(100), d[::-4] is chr(100), d[1:2] is chr(98), d[10::-5] is chr(100), d[3:0:-2], d[2:2:-1] == "")
print(u[::-5] is chr(100), u[0::5] is chr(233), u[0:1] is chr(233), u[::-1], u[4::-2], "日本"[::-2] == "本")
print(w[1:2.5])                      # TypeError: exit status 1 on both
