# d["x"] in a dict of the smallest all-str table is found by scanning its
# entries for the very key object (heap/dict_lookup.h find_same_str) before
# any probe. It must give what the probe gives: equal keys that are other
# objects, deleted entries (their key is NULL), a key re-added after a
# delete, full tables, tables grown past the smallest size, d.get, and
# refcounts of the values read.
import sys


points = [{"x": i, "y": -i, "tag": str(i)} for i in range(5)]
print(sum([p["x"] - p["y"] for p in points]), points[3]["tag"], points[4].get("y"))
d = {"a": 1, "b": 2, "c": 3}
other = "".join(["a"])                  # equal to "a", another object
print(d["a"], d[other], d.get("c"), d.get("z", 0))
del d["a"]
print("a" in d, d.get("a"), d.get(other), len(d))
d["a"] = 10                             # a new entry after the deleted one
print(d["a"], d[other], list(d))
full = {"k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5}
print(full["k5"], full["k1"], len(full))
full["k6"] = 6                          # grows past the smallest table
print(full["k6"], full["k1"], full.get("k3"))
v = 10 ** 20 + 1
r = {"v": v}
before = sys.getrefcount(v)
w = r["v"]
print(sys.getrefcount(v) - before, w == v)
try_keys = {"p": 1}
print(try_keys.get("q"), try_keys["p"])
