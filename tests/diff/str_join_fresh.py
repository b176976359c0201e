# join and f-strings build their result as _PyUnicode_JoinArray does: one
# part is the result itself, no chars the empty string, anything else a
# new string, even of one char (not the one-char singleton chr() returns);
# wider text joins by code point, lone surrogates included.
import sys
x = chr(97)                 # the singleton; a one-char literal need not be (3.11 and 3.12)
e = ""
cases = ["".join(["", "a"]), "".join(["é", ""]), "-".join(["", ""]), "".join(("", "", "z")),
         f"{e}{x}", f"{x}{e}", "".join([x]), "".join(["日", ""]), "".join([]), f"{e}{e}"]
for s in cases:
    print(repr(s), len(s), s is chr(ord(s)) if len(s) == 1 else "-", sys.getrefcount(s) < 100)
print("".join(["a", "b"]) is "".join(["a", "b"]), "".join([x]) is x)
s = "".join([chr(0xD800), chr(0xDFFF), "é", "\U0001F600"])
print(len(s), [hex(ord(c)) for c in s], repr(s))
print(repr("-".join([chr(0xDC80), "x", chr(0xD83D)])))
