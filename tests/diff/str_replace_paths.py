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
