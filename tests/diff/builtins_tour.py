# A tour of builtins and expressions beginners use, against every oracle.
print(type(5), type("a"), type([]), type({}), type(None), type(1.5), type(True), type((1,)), type(range(3)))
print(isinstance(True, int), isinstance(3, (str, float)), type(5) is int, type(print))
d = {k: k * k for k in range(5) if k % 2 == 0}
print(d, list(d.items()), sorted(d, reverse=True))
sq = [x * x for x in range(10) if x > 3]
print(sum(x for x in sq), max(sq), min(sq), len(sq))
print(list(zip("abc", [1, 2, 3])), list(enumerate("xy", 1)))
s = "Hello, World"
print(s[::-1], s[2:8:2], s[-5:], s.lower().count("l"), "-".join(reversed(["a","b"])) if False else "x")
print(f"{3.14159:.2f} {42:05d} {'hi':^6}|{1e6:,.1f} {255:#x} {0.25:.1%}")
print("%5.1f|%-4d|%s|%r" % (2.345, 7, "x", "y"))
a, b = 1, [2, 3]
print(a, b)
def outer(n):
    def inner(k):
        return k * 2
    return inner(n) + 1
print(outer(4))
x = 5
print(x if x > 3 else -x, not x, x and 0, x or 0, 0 or "" or None)
print(divmod(7, 2), pow(2, 10), abs(-3.5), round(2.5), round(3.5), round(-0.5))
print(chr(65), ord("A"), hex(255), bin(5), oct(8), int("0x1f", 16), int("101", 2))
print(bool([]), bool([0]), str(3.0), repr("a'b"), repr('a"b'), str(None))
print(list(range(10, 0, -3)), tuple("ab"), dict(a=1, b=2), dict([(1, 2)]))
print(1 == 1.0, 2 ** -1, 7 // -2, -7 % 3, 3 * "ab", [0] * 3, 10 / 4, 1e-7, 1.0e16, 123456789.123456789)
print(pow(3, 4, 5), pow(2, 0, 7), pow(7, 123456789, 1000000007), any([0, "", 3]), all([1, "a"]), all([]), any([]))
print(list(reversed([1, 2, 3])), list(reversed("abc")), "".join(reversed("hello")))
nums = list(map(int, "3 1 2".split()))
print(nums, list(map(str, nums)), list(filter(None, [0, 1, "", "a"])), sum(map(int, ["4", "5"])))
