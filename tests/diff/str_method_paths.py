# str methods on ASCII text, read in place (vm/lib_str.c Text), against
# non-ASCII text (a host copy): split, replace, upper/lower, find, count.
# Values, and identity where CPython's and tracevm's agree (one-char
# pieces are the cached singletons; an unchanged replace is the same str).
import sys
samples = ["hello world 12", "  a  b\tc\n", "x", "", "a,b,,c,", ",,", "abcabcab",
           "héllo wörld", "日本 語 テキスト", "mixed ascii and ü", "ü"]
for s in samples:
    print(repr(s.split()), repr(s.split(",")), repr(s.split("b")), repr(s.split(" ", 1)))
    print(repr(s.split("ab")), repr(s.split("l", 2)), repr(s.split(None, 1)))
    print(repr(s.upper()), repr(s.lower()), s.upper() is s, s.lower() is s)
    print(repr(s.replace("l", "L")), repr(s.replace("ab", "")), repr(s.replace("", "-")),
          repr(s.replace("o", "ö")), repr(s.replace("ö", "o")), repr(s.replace("b", "xyz", 1)))
    print(s.replace("zzz", "y") is s, s.find("o"), s.find("ab", 2), s.count("a"), s.count(""),
          s.rfind("b"), s.find("ü"))
parts = "k1 v2 k3".split(" ")
again = "k3 k1".split()
print(parts[0] is again[1], [sys.getsizeof(p) for p in parts])
one = "a,b".split(",")
two = "b;a".split(";")
print(one[0] is two[1], one[1] is two[0], sys.getsizeof(one), sys.getsizeof("a b c d e f g h i j k l m n".split()))
u = "MiXeD 123 _z{".upper()
l = "MiXeD 123 @Z[".lower()
print(u, l, sys.getsizeof(u), sys.getsizeof(l), sys.getsizeof("ab".upper()), sys.getsizeof("é".upper()))
w = "spam and eggs"
print(w.replace("and", "or").replace("eggs", "ham"), sys.getsizeof(w.replace("a", "AA")))
# a split that finds nothing to split puts the string itself in the list;
# the rest after maxsplit keeps its trailing whitespace
w1 = "unsplit" + str(len(samples))
print(w1.split()[0] is w1, w1.split(",")[0] is w1, w1.split("zz", 3)[0] is w1, ("  " + w1).split()[0] is w1)
print(repr(" x y  ".split(None, 1)), repr("a\tb\t\n".split(None, 1)), repr("a b  ".split(" ", 1)))
w2 = "no" + "space"
print(w2.split(None, 0)[0] is w2, w2.split(None, 1)[0] is w2, w2.split(",", 0)[0] is w2, repr(" a b ".split(None, 0)))
# partition and rpartition share the search (text_find, text_match)
for s in ["key=value=x", "no sep here", "=", "ab", "héllo=wörld=ü", "a==b"]:
    print(s.partition("="), s.rpartition("="), s.partition("=="), s.rpartition("ö"), s.partition("x") [0] is s)
# split's pieces of ASCII text: one char is the latin-1 singleton (the
# same object as a one-char index), "" the empty one, longer pieces new
# strings (vm/lib_str.c text_piece). A one-char literal is compared with
# nothing here: 3.11 and 3.12.1 do not make it the singleton.
src = "xa"
a_one = src[1]
parts = "a,,bc,a".split(",")
print(parts[0] is a_one, parts[3] is a_one, parts[1] is "", parts[2] == "bc", " a  y ".split()[0] is a_one)
