# list(d), sorted(d), list(d.values()), list(d.items()) walk the dict's
# iterator inside list_extend: the keys in entry order past the holes of
# deleted keys, a partly used iterator going on where it stopped, the item
# iterator's result tuple taken by the first item (so the next items are
# new tuples), a dict with a key swapped before the walk, and the
# iterator's own fields afterwards (its size and what a later next sees).
# dict_list_extend_changed.py ends with the error of a grown dict.
import sys
d = {}
for i in range(40):
    d[i * 7 % 41] = i * i
for k in [0, 7, 14, 33]:
    del d[k]
print(list(d)[:6], len(list(d)), sorted(d)[:5], sorted(d)[-3:])
print(list(d.values())[:6], sum(list(d.values())), list(d.keys())[-4:])
items = list(d.items())
print(items[:3], len(items), [type(p) for p in items[:2]])
print(sys.getrefcount(items[0]) - sys.getrefcount(items[1]), items[0] is items[1])
def by_value(kv):
    return -kv[1]
print(sorted(d.items(), key=by_value)[:3])
names = {"k" + str(i): i for i in range(30)}
print(list(names)[:4], sorted(names)[:4], list(names.values())[-3:], list(names.items())[-2:])
it = iter(d)
print(next(it), next(it), len(list(it)), list(it), next(it, "end"))
vi = iter(d.values())
next(vi)
print(len(list(vi)), list(vi))
ii = iter(d.items())
first = next(ii)
rest = list(ii)
print(first, rest[0], len(rest), first is rest[0])
swap = {1: 1, 2: 2, 3: 3}
sw = iter(swap)
del swap[1]
swap[4] = 4
print(list(sw))
empty = {}
print(list(empty), sorted(empty), list(empty.items()), list({}.values()))
h = {}
h["a"] = 1
del h["a"]
print(list(h), list(h.items()))
acc = []
acc.extend(d)
acc.extend(d.values())
print(len(acc), acc[:2], acc[-2:])
before = [list(d.items()) for _ in range(3)]
print(len(before), before[0] == before[2], id(before[0][0]) != id(before[1][0]))
