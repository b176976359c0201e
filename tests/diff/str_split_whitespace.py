# str.split() on whitespace: ASCII text tests its bytes inline, wider text
# code points (0x85, 0xA0 and U+2003 are spaces only there).
for t in ["", " ", "a", " a ", "a b\tc\nd\x0be\x0cf\rg\x1ch\x1di\x1ej\x1fk", "  many   spaces here  ", "x\x85y\xa0z", "é ü  ö", "\u2003em\u2003space", "trail "]:
    print(t.split(), t.split(None, 1), t.split(maxsplit=2))
