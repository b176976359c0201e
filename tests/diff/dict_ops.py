# Dict behaviour and the refcounts of the values a dict holds.
import sys
d = {"one": 1, "two": 2}
d["three"] = 3
print(d, len(d), d["two"], d.get("four"), d.get("four", 4))
print(list(d.keys()), list(d.values()), list(d.items()))
print("one" in d, 1 in d, sorted(d), d.pop("one"), d)
d.update({"two": 22, "five": 5})
print(d, d.setdefault("six", 6), d.setdefault("two", 0))
counts = {}
for w in "a b a c b a".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, max(counts.values()), min(counts))
squares = {n: n * n for n in range(6)}
print(squares, squares[5], sum(squares.values()))
v = [1, 2]
holder = {"a": v, "b": v}
print(sys.getrefcount(v))
holder["a"] = None
print(sys.getrefcount(v))
del holder["b"]
print(sys.getrefcount(v), holder)
other = {1: v, 2: v, 3: v}
print(sys.getrefcount(v))
other = None
print(sys.getrefcount(v))
nested = {"x": {"y": {"z": 1}}}
print(nested["x"]["y"]["z"], len(nested), dict([("a", 1), ("b", 2)]))
keys = {(1, 2): "tuple key", 3.5: "float key", -1: "int key"}
print(keys[(1, 2)], keys[3.5], keys[-1])
