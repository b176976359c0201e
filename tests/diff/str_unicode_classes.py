# isalpha, isdigit, isalnum, isspace beyond Latin-1, from the tables of the
# profile's Unicode version (vm/unicode_classes.c): all of Latin-1 and
# every 7th code point after it, hashed; chars Unicode 15 added (3.12 only);
# white space that split() and strip() use.
h = 0
n = 0
c = 0
while c < 0x110000:
    ch = chr(c)
    k = ch.isalpha() + 2 * ch.isdigit() + 4 * ch.isalnum() + 8 * ch.isspace()
    if k:
        h = (h * 31 + c * 16 + k) % 2 ** 61
        n += 1
    c += 1 if c < 0x100 else 7
print(n, h)
new15 = [chr(0x11F02), chr(0x1E030), chr(0x31350), chr(0x1E4F0), chr(0x11F50)]
print([(hex(ord(x)), x.isalpha(), x.isdigit(), x.isalnum()) for x in new15])
words = ["\u65e5\u672c\u8a9e", "\u0645\u0631\u062d\u0628\u0627", "\u0968\u0966\u0968\u0969", "\u00e9t\u00e9", "x\u00b2", "\u2160\u2161", "a\u200bb"]
for w in words:
    print(repr(w), w.isalpha(), w.isdigit(), w.isalnum(), w.isspace())
t = "a\u3000b\u2003c\u00a0d\u2028e \u205ff"
print(t.split(), repr(("\u3000 x \u2003").strip()), len(t.split(None, 2)))
