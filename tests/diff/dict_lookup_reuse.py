# d[k] = v right after d[k] or d.get(k) reuses where the lookup found k,
# after checking that d's keys and that entry are unchanged. Whatever runs
# between (a delete, a resize, clear, pop, another dict, a key rebuilt)
# must leave the store where CPython puts it.
import sys
counts = {}
words = ("the cat and the hat and the bat " * 50).split()
for w in words:
    counts[w] = counts.get(w, 0) + 1
for w in words[:40]:
    counts[w] += 1
print(counts)
d = {"a": 1, "b": 2}
x = d["a"]
del d["a"]
d["a"] = 10                          # a new entry at the end, not the cleared one
print(list(d.items()))
y = d.get("b")
for i in range(40):                  # resize between the lookup and the store
    d["k" + str(i)] = i
d["b"] = 20
print(d["b"], len(d), list(d)[:3])
e = {"b": 0}
z = d["b"]
e["b"] = 5                           # another dict, same key
print(d["b"], e["b"])
v = d.get("b")
d.clear()
d["b"] = 7
print(d)
f = {1: "one", 2: "two"}
s = f[1]
f.pop(1)
f[1] = "uno"
print(f, list(f))
k1 = "key" + str(5)
g = {k1: 1}
g[k1] = g[k1] + 1
del k1
k2 = "key" + str(5)                  # an equal key, maybe at the same address
g[k2] = g[k2] * 10
print(g, sys.getrefcount(g))
h = {"key5": 1, "key6": 2}
for i in range(3):
    a = h["key" + str(5)]            # the temporary key dies here
    h["key" + str(6)] = a + i        # a new one, maybe at its address
print(h)
