# sizes of strings built at run time: the result's kind follows its
# widest character.
import sys
a = "abc"
e = "é"
eu = "€"
print(sys.getsizeof(a + e), sys.getsizeof(a + eu), sys.getsizeof(e + eu), sys.getsizeof((a + eu)[:3]))
print(sys.getsizeof(a.replace("b", "é")), sys.getsizeof("é€".replace("€", "e")), sys.getsizeof(e.upper()))
print(sys.getsizeof(str(3.5)), sys.getsizeof(str([1, 2])), sys.getsizeof(repr(e)), sys.getsizeof(str(True)))
print(sys.getsizeof(f"{e}{a}"), sys.getsizeof(f"{1000:>10}"), sys.getsizeof("%s-%d" % (a, 7)))
print(sys.getsizeof("".join([e, a, e])), sys.getsizeof(",".join(["1", "2", "3"])), sys.getsizeof(a * 0))
words = "the quick brown fox".split()
print([sys.getsizeof(w) for w in words])
print(sys.getsizeof(words[0] + words[1]), sys.getsizeof(" ".join(words)), sys.getsizeof("  pad  ".strip()))
print(sys.getsizeof(chr(65) + chr(66)), sys.getsizeof(hex(255)), sys.getsizeof(bin(5)), sys.getsizeof(str(-0.0)))
