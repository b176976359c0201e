# {k: v for ..} (DICTSET): a new int or str key inserted in place, a key
# met again replaced (dict_set's order: the new value in, the old one
# released), tuple and float keys and resizes through dict_set; sizes,
# order, refcounts, a str table meeting an int key, keys that collide
# often (squares), and the TypeError of an unhashable key (last line).
import sys
# oracle-skip: 3.12-32 (pyodide's wasm32 dicts are 4 bytes larger than i386; the 32-bit profiles follow i386)
d = {i: i * i for i in range(1000)}
print(len(d), sys.getsizeof(d), sum(d.values()) % 100003, list(d)[:3], list(d)[-3:])
w = {s: len(s) for s in "the cat sat on the mat with the hat".split()}
print(w, sys.getsizeof(w))
r = {i % 7: i for i in range(100)}
print(r, sys.getsizeof(r))
o = [1]
rc = sys.getrefcount(o)
m = {i % 3: o for i in range(30)}
print(sys.getrefcount(o) - rc, len(m))
m = {i % 3: [i] for i in range(30)}
print(m)
t = {(i, i + 1): i for i in range(50)}
f = {i * 0.5: i for i in range(50)}
print(len(t), t[(3, 4)], len(f), f[2.5], sys.getsizeof(t), sys.getsizeof(f))
mixed = {k: k for k in [1, "1", 1.0, True, (1,), "a", 2 ** 70]}
print(mixed, sys.getsizeof(mixed))
big = {i: str(i) for i in range(-5, 50000, 3)}
print(len(big), big[49996], sys.getsizeof(big))
turn = {k: len(str(k)) for k in ["a", "bb", 30, "a", 30, "ccc", 4.5]}
print(turn, sys.getsizeof(turn))
sq = {i * i: i for i in range(300)}
sq2 = {v: k for k, v in sq.items()}
print(len(sq), sys.getsizeof(sq), list(sq)[-3:], len(sq2), sq2[299], sys.getsizeof(sq2))
bad = {[i]: i for i in range(3)}
