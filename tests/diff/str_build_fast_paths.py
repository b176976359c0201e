# Strings the VM builds on its fast paths: str() of ints, a + b, f-strings
# and join, for ASCII, latin-1, UCS-2 and astral text, empty and one-char
# results, with their sizes and identities.
import sys
sz = sys.getsizeof
ints = [0, 7, -1, -5, 9, 10, -10, 256, 257, 99999, -100000, 2**30, -2**30,
        2**59, -2**59, 2**60, -2**60, 2**63, -2**63, 10**19, -10**19, 10**40]
texts = [str(v) for v in ints]
print(texts)
print([sz(t) for t in texts])
print([len(t) for t in texts], str(-0), str(True), str(False))
print(str(7) is str(7), str(7) == "7", str(12) in ["12"], {"12": 1}[str(12)])
a, e, eu, em, z = "abc", "é", "€", "😀", ""
pieces = [a, e, eu, em, z, "x", "ÿ", "Ā"]
for p in pieces:
    print([sz(p + q) for q in pieces], [len(p + q) for q in pieces])
print(z + a is a, a + z is a, z + e is e, em + z is em, z + z is z)
print((a + e)[3] is e, (e + a)[0] is e, (a + eu)[3] == eu, (em + a)[0] == em)
print(a + e == "abcé", e + eu == "é€", eu + em == "€😀", em + e == "😀é", "x" + "ÿ" == "xÿ")
print({a + e: 1}.get("abcé"), {em + a: 2}.get("😀abc"), ("ab" + "c") in ["abc"])
s = "k" + str(5) + ":" + str(-35)
print(s, sz(s), len(s), s == "k5:-35")
n, f = 42, 2.5
print(f"{s}|{n % 13}", sz(f"{s}|{n % 13}"), f"{n:>6}|{n:<4}|{n:06d}|{-n:+}|{n:x}|{f:.3f}")
print(f"{e}{a}", sz(f"{e}{a}"), f"{eu}{em}", sz(f"{eu}{em}"), f"{z}{z}" is z, f"{z}{z}" == "")
print(f"{a}-{n}-{f}-{None}-{True}", sz(f"{a}-{n}-{f}"), f"{n}" == "42", sz(f"{n}"), sz(f"{-n}"))
print(f"{e!r}{a!s}{em!r}", f"{'é':>3}|{'ab':^5}|{em:*<3}", sz(f"{e:>3}"), sz(f"{em:3}"))
parts = [str(i) for i in range(12)]
line = ",".join(parts)
print(line, sz(line), len(line))
print(sz(",".join([a, e])), sz("".join([em, a])), sz("-".join([eu, eu])), sz(e.join([a, a])))
print(",".join([]) is z, "".join([a]) is a, "".join([z, z]) == z, "|".join(["x"]) == "x")
print(",".join(["é", "a", "😀"]), "€".join(["1", "2"]), len("😀".join(["a", "b", "c"])))
q = "q"
print(f"{z}{q}" == q, f"{q}{z}" == "q", "".join([z, q]) == q, "".join([q, z]) == q, ",".join([q]) is q)
print(f"{z}{z}" is z, "".join([z, z]) is z, z + q is q, q + z is q, f"{7}{z}" == "7", f"{z}{7}{z}" == "7")
print("-".join([z, z]) == "-", "-".join([z, z, z]), len(f"{z}{q}{z}"), ",".join([z, "é"]), "é".join([z, z]))
