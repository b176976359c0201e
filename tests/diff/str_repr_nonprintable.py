# repr() escapes what str.isprintable() rejects: controls, format chars
# (zero-width space, BOM, bidi marks, tags), separators other than the
# space, surrogates, private use and unassigned code points, with \x, \u
# or \U by size. U+1E030 was assigned in Unicode 15: 3.11 escapes it, 3.12
# prints it, so the profile's version picks the table.
cps = [0x0, 0x1F, 0x7F, 0x85, 0xA0, 0xAD, 0xE9, 0x378, 0x600, 0x61C, 0x200B, 0x200E,
       0x2028, 0x2029, 0x202F, 0x2060, 0x3000, 0x65E5, 0xD800, 0xDFFF, 0xE000, 0xF8FF,
       0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x1F600, 0x1E030, 0xE0001, 0xE007F, 0xF0000,
       0x10FFFF, 0x2FFFE, 0x31350]
for c in cps:
    s = chr(c)
    print(hex(c), repr(s), repr("a" + s + "b"), len(repr(s)))
print(repr("".join(chr(c) for c in cps)))
print([chr(0x2028), "x\u3000y", "\ufeffBOM"])
print("%r|%s" % ("\u200b", "\u200b" == chr(0x200B)), f"{chr(0xE000)!r}")
