# tests/fastpath/foriter_unpack.py: FORITER whose item an UNPACK spreads
# into locals, which the loops without hooks run as one dispatch: zip's and
# enumerate's reused result tuple, a fresh one when the program keeps the
# last, dict items, tuples held by a list, tuples that die as they are
# unpacked, lists (not fused), and old locals that die when replaced.
import sys

xs = [i * 1000003 for i in range(40)]
ys = xs[1:]
s = 0
for a, b in zip(xs, ys):
    s += b - a
print(s, sys.getrefcount(xs[-1]), sys.getrefcount(ys[0]))
kept = []
for a, b in zip(xs, ys):
    kept.append((a, b))
print(len(kept))
last = None
for a, b, c in zip(xs, ys, "abcdefghij"):
    last = (a, b, c)
print(last, a, b, c)
for i, x in enumerate(xs):
    s += i * x
print(s, i, x)
z = zip(xs, ys)
held = None
for a, b in z:
    held = a
print(held, a, b)
for k, v in {"p": 1000000007, "q": 2000000014}.items():
    s += v
print(s, k, v)
pairs = [(i, i * 3000000019) for i in range(30)]
for p, q in pairs:
    s += q % 97
print(s, sys.getrefcount(pairs[0]))
for p, q in [(i * 5000000029, [i]) for i in range(50)]:
    s += p % 89 + len(q)
print(s, p, q)
for p, q in [[i, i + 1] for i in range(20)]:
    s += q
print(s)
for w in range(5):
    for p, q in enumerate([[w], [w, w], 7000000001 * w]):
        s += len(str(q))
print(s)
before = [id(object) for object in (1.5 * 3, 2.5 * 3)]
for a, b in zip([1.5 * 7, 2.5 * 7], [3.5 * 7, 4.5 * 7]):
    pass
f = 9.25 * 3
print(s, id(f) - id(a))
def inner(n):
    t = 0
    for i, (p, q) in enumerate(zip(range(n), range(n, 2 * n))):
        t += i * p + q
    for i, p in enumerate(range(n)):
        t -= p
    return t, i, p
print(inner(500))
# filtered comprehensions over an item and over a zip's unpacked pair
big = [i * 1000000007 for i in range(60)]
odd = [x for x in big if x % 2]
pairs2 = [p for p, q in zip(big, big[1:]) if q > p]
print(len(odd), len(pairs2), sys.getrefcount(big[1]), odd[-1])
# fresh tuples that die as they are unpacked (map calls the program)
def pair(x):
    return (x * 1000000007, [x])
for a, b in map(pair, range(40)):
    s += a % 97 + len(b)
print(s, a, b)
for q, r in map(divmod, range(100, 140), range(3, 43)):
    s += q * r
print(s, q, r)
