# d[k] and d[k] = v for an int or str key the dict has take a path in the
# untraced loops (heap/dict_lookup.h dict_slot_of); everything else takes
# op_getitem / op_setitem. Both must find the same entries: bools and
# floats equal to int keys, dict.get, -1 (whose hash is -2), keys of a str-only
# table, strings whose hash is not computed yet, big ints, missing keys.
import sys
d = {}
for i in range(-3, 300):
    d[i] = i * 2
print(d[-1], d[-2], d[True], d[1.0], d[0], d[False], d[299], len(d))
d[True] = "t"
d[1.0] = "f"
d[-1] = d[-1] + 1
print(d[1], d[-1], d[-2])
big = 2 ** 70
d[big] = "big"
d[big] = d[2 ** 70] + "!"
print(d[big], d[-(2 ** 62)] if -(2 ** 62) in d else "no")
s = {"a": 1, "bb": 2}
key = "".join(["b", "b"])          # a new str: its hash is not computed yet
print(s[key], s["a"])
s[key] = s[key] + 10
s[5] = "int key in a str table"
print(s, s[5], s["bb"])
t = {}
for w in "the cat and the hat and the bat".split():
    t[w] = t[w] + 1 if w in t else 1
print(t)
try_keys = [0, 1, -1, 2 ** 40, -(2 ** 40), 2 ** 59]
u = {}
for k in try_keys:
    u[k] = str(k)
print([u[k] for k in try_keys], u[2 ** 40] is u[2 ** 40], sys.getrefcount(u[0]))
m = {}
for i in range(2000):
    m[i % 37] = m[i % 37] + i if i % 37 in m else i
print(sum(m.values()), m[36], len(m))
# d.get(k[, default]): the same references whether found or not
g = {1: "one", "x": [1], 2 ** 70: "big"}
dflt = [0]
print(g.get(1), g.get(3), g.get("x") is g["x"], g.get("y", dflt) is dflt, g.get(2 ** 70), g.get(1.0), g.get(True))
none_before = sys.getrefcount(None)
misses = [g.get(k) for k in range(50)]
print(sys.getrefcount(None) - none_before, sys.getrefcount(dflt), g.get("x", 5), {}.get(1, 2), {"a": 1}.get(1), g.get((1, 2), "tuple"))
print(d[400])
