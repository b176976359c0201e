# str comparisons (all six, ASCII in place, other kinds by op_compare),
# ord() and chr() (small ints, latin-1 singletons) and iteration over a str
# are answered in the loops without hooks: values, identities, refcounts.
import sys
words = ["", "a", "b", "ab", "abc", "abd", "B", "Z", "z", "zz", "é", "éa", "日本", "日", "a\x00", "\x7f"]
out = []
for x in words:
    for y in words:
        out.append("%d%d%d%d%d%d" % (x < y, x <= y, x > y, x >= y, x == y, x != y))
print(" ".join(out))
def caesar(s, shift):
    res = []
    for ch in s:
        if "a" <= ch <= "z":
            res.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            res.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        else:
            res.append(ch)
    return "".join(res)
text = "The quick brown fox, jumps over the lazy dog! ÿ é 日本"
enc = text
for r in range(52):
    enc = caesar(enc, 3 if r % 2 == 0 else 23)
print(enc == text, enc)
cs = [c for c in "hello, world"]
hw = "hello"
print(cs[0] is hw[0], chr(104) is cs[0], sys.getrefcount(chr(200)) - sys.getrefcount(chr(201)))
print([ord(c) for c in "azAZ09 ~\x7f"], ord("é"), ord("日"), chr(255), chr(256), chr(0x65e5))
n = 0
for c in "mississippi":
    if c == "s" or c >= "p":
        n += 1
print(n, "abc" < "abd" < "abe", "b" > "a" > "", "x" == "x", cs[1] is not cs[2])
print(ord("ab"))                    # TypeError: exit status 1 on both
