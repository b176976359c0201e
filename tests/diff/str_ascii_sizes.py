# getsizeof of ASCII strings: header + one byte per char + NUL.
import sys
print(sys.getsizeof(""), sys.getsizeof("a"), sys.getsizeof("ab"), sys.getsizeof("Hello"))
print(sys.getsizeof("Hello World"), sys.getsizeof("hello world!"), sys.getsizeof("0123456789"))
for n in [0, 1, 2, 7, 8, 15, 16, 31, 32, 100, 1000]:
    print(n, sys.getsizeof("x" * n))
s = "abc"
print(sys.getsizeof(s + s), sys.getsizeof(s * 10), sys.getsizeof(s[1:]), sys.getsizeof(s.upper()))
print(sys.getsizeof(str(12345)), sys.getsizeof(str(-1)), sys.getsizeof(repr("q")), sys.getsizeof(str(2 ** 100)))
print(sys.getsizeof(" ".join(["a", "b", "c"])), sys.getsizeof("-".join([])), sys.getsizeof(f"{s}!{s}"))
