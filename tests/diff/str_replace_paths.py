# str.replace on ASCII text counts the matches, then writes the result into
# a new string (vm/lib_str.c replace_ascii). As in CPython: no match, a
# count of 0, or the same object for old and new returns the string itself;
# an empty result is the "" singleton; a one-char result is a new string.
s = "HELLO WORLD 123"
print(s.replace("L", ""), s.replace("L", "", 2), s.replace("LL", "l"), s.replace("X", "y") is s, s.replace("O", "00", 0) is s)
print("aaa".replace("a", ""), "ab".replace("a", ""), "ab".replace("ab", "c"), "aaaa".replace("aa", "b"), "abc".replace("", "-"))
print(len("ab".replace("a", "")), "abcabc".replace("bc", "BCD", 1), "a.b.c".replace(".", "", -1), "abab".replace("ab", "xy", 5))
t = "banana"
u = t.replace("a", "o")
print(u, u is not t, t.replace("na", "NA"), t.replace("nan", ""), t.replace("a", "aa"))
one_b, one_a, empty = "b", "a", ""
print(t.replace("banana", "b") is one_b, "ab".replace("a", "") is one_b, "aa".replace("a", "") is empty)
print("abc".replace("bc", "") is one_a, "a".replace("a", "b") is one_b, "ab".replace("b", "") is one_a)
x = "x"
n = "ab" + str(1)
p = "".join(["a", "b"])
q = "ab"
print(x.replace(x, x) is x, n.replace("a", "a") is n, n.replace(q, p) is n, n.replace(q, q) is n)
print(empty.replace("", "x"), empty.replace("", "") is empty, one_a.replace("", "") is one_a, "a".replace("", "-"))
print("héllo".replace("l", "L"), "hello".replace("l", "é"), "ab\u20acab".replace("ab", "x"))
# one char for another: a copy of the text changed in place from the
# first match on (with a count, only that many)
w = "the quick brown fox jumps over the lazy dog " * 3
print(t.replace("a", "o", 2), t.replace("n", "N", 1), t.replace("a", "o", -1), t.replace("z", "q") is t)
print(w.replace(" ", "_"), w.replace("o", "0", 0) is w, w.replace("g", "G", 100), len(w.replace("q", "Q")))
import sys
print(sys.getsizeof(w.replace("o", "0")), sys.getsizeof(one_a.replace("a", "b")), "é a".replace("a", "b"))
print("abcdefgh".replace("h", "H"), "aaaaaaaaa".replace("a", "b"), ("x" * 16 + "y").replace("x", "z"), "~\x7f~".replace("~", "\x00") == "\x00\x7f\x00")
