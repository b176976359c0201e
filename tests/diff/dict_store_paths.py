# d[k] = v for a new int or str key takes a path in the untraced loops
# (heap/dict_lookup.h dict_insert); `k in d` for an int or str key too
# (dict_find). Both must leave what dict_set and dict_get leave: the same
# table sizes, order, ids of reused keys objects and refcounts. Sizes are
# printed past getsizeof({}) (pyodide's dicts are 4 bytes larger than i386's).
import sys
E = sys.getsizeof({})
for n in (1, 5, 6, 11, 12, 40):
    d = {}
    sizes = [sys.getsizeof(d) - E]
    for i in range(n):
        d[i * 7 - 3] = i
        sizes.append(sys.getsizeof(d) - E)
    print(n, sizes, list(d)[:8], -3 in d, 10 ** 6 in d, 4 not in d)
s = {}
for w in "one two three four five six seven eight nine ten".split():
    s[w] = len(w)
    print(sys.getsizeof(s) - E, end=" ")
print(s, "six" in s, "zero" in s, "zero" not in s)
m = {"a": 1}
m[2] = "int into a str table"
m["b"] = 3
print(m, sys.getsizeof(m) - E, 2 in m, "b" in m, 2.0 in m, True in {1: 0})
r = {}
for i in range(8):
    r[i] = i
for i in range(0, 8, 2):
    del r[i]
for i in range(100, 106):
    r[i] = -i                       # into deleted slots, then a resize
print(r, sys.getsizeof(r) - E, 104 in r, 2 in r)
v = [1, 2]
k = 10 ** 5
before = sys.getrefcount(v), sys.getrefcount(k)
e = {}
e[k] = v
e[k + 1] = v
print(sys.getrefcount(v) - before[0], sys.getrefcount(k) - before[1], len(e))
x = 0
for i in range(20000):
    f = {}
    f[i] = i
    f[i + 1] = 2
    if i in f and i + 2 not in f:
        x += f[i] + len(f)
print(x, id(f) == id(f))
# str keys of every kind, looked up by equal strings made at run time
# (their hashes computed then, over the chars in place)
u = {}
for w in ["abc", "café", "€uro", "😀x", "x😀", "Ünï", "", "a" * 40]:
    u[w] = len(w)
probe = ["".join(["a", "b", "c"]), "caf" + "é", "€" + "uro", "😀" + "x", "x" + "😀", "Ün" + "ï", "" + "", "a" * 39 + "a", "caf" + "e"]
print([u[p] if p in u else None for p in probe], len(u))
