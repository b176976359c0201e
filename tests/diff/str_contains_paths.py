# 'x in s' for strings: one kind searches bytes (a match only at a code
# unit's start), a wider needle cannot match, a narrower one compares code
# points. Misaligned byte matches in 2- and 4-byte strings must not count.
hay = ["", "a", "abc", "aeiou", "hello world", "é", "café au lait", "\u0100\u0201",
       "\u0101\u0102", "x\u4e2d\u6587y", "\U0001f600\U0001f601", "\U00010203\U00040506", "ab" * 40 + "c"]
needles = ["", "a", "c", "lo w", "world!", "é", "au", "\u0101", "\u0201", "\u0100\u0201",
           "\u4e2d", "\u6587y", "\U0001f601", "\U00020304", "\u0304", "bc", "abc", "\x01\x02"]
for s in hay:
    print("".join("1" if n in s else "0" for n in needles), "".join("1" if n not in s else "0" for n in needles))
vowels = 0
for ch in "the quick brown fox jumps over the lazy dog" * 50:
    if ch in "aeiou":
        vowels += 1
print(vowels)
print(3 in "abc")                   # TypeError: exit status 1 on both
