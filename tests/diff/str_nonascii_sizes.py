# getsizeof of latin-1 (1 byte), UCS-2 (2) and UCS-4 (4) strings, and
# 3.12's one-char latin-1 singletons that carry a UTF-8 copy.
import sys
print(sys.getsizeof("é"), sys.getsizeof("ê"), sys.getsizeof("ÿ"), sys.getsizeof("\x80"))
print(sys.getsizeof("éé"), sys.getsizeof("café"), sys.getsizeof("aé"), sys.getsizeof("é" * 10))
print(sys.getsizeof("€"), sys.getsizeof("a€"), sys.getsizeof("€uro"), sys.getsizeof("日本語"), sys.getsizeof("Ā"))
print(sys.getsizeof("😀"), sys.getsizeof("a😀"), sys.getsizeof("😀😀😀"), sys.getsizeof("é😀"))
print(sys.getsizeof(chr(233)), sys.getsizeof(chr(255)), sys.getsizeof(chr(256)), sys.getsizeof(chr(8364)), sys.getsizeof(chr(128512)))
e = "é"
print(sys.getsizeof(e + e), sys.getsizeof(e + "a"), sys.getsizeof(e[0]), sys.getsizeof("aé"[1]))
print(len("café"), len("😀"), len("日本語"), ord("é"), ord("€"), ord("😀"))
print(sys.getsizeof("café"[:3]), sys.getsizeof("€uro"[1:]), sys.getsizeof("a😀"[:1]), sys.getsizeof("é€"[0]))
print(sys.getsizeof("CAFÉ".lower()), sys.getsizeof("café".upper()), sys.getsizeof("x" * 5 + "€"))
