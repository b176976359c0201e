# 'k in d.keys()' looks an int or str key up in place; other keys (tuples,
# floats equal to ints, bools) take op_contains, and unhashable ones raise.
import sys
d = {1: "a", "two": 2, (3, 4): 5, 2.5: 6, True: 7, "": 0}
probes = [1, 1.0, True, 2, "two", "tw" + "o", "", (3, 4), 2.5, 0, None, "x", -1, 2 ** 40]
print([k in d.keys() for k in probes], [k not in d.keys() for k in probes])
ks = d.keys()
before = sys.getrefcount(ks)
hits = 0
for i in range(5000):
    if i % 7 in d.keys() or str(i) in d.keys():
        hits += 1
print(hits, sys.getrefcount(ks) - before)
print([1] in d.keys())              # TypeError: exit status 1 on both
