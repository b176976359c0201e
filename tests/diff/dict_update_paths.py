# dict(pairs) takes each tuple or list pair as it is (PySequence_Fast) and
# d.update(x) merges into d without a temporary dict: the ids of tuples,
# lists and dicts made after show which free blocks each took.
p = [0]
r = []
for k in range(5):
    d1 = {1: p}
    d2 = {1: p}
    l1 = [p]
    l2 = [p]
    i1, i2, j1, j2 = id(d1), id(d2), id(l1), id(l2)
    del d1
    del d2
    del l1
    del l2
    base = {"q": 1}
    if k == 0:
        base.update({"a": 1, "b": 2})
    elif k == 1:
        base.update([("a", 1), ("b", 2)])
    elif k == 2:
        base.update([["a", 1]], c=3)
    elif k == 3:
        base = dict([("a", 1), ["b", 2], "cd"])
    else:
        base.update(zip("ab", "cd"))
    d3 = {1: p}
    l3 = [p]
    r.append((k, sorted(base.items()), id(d3) == i1, id(d3) == i2, id(l3) == j1, id(l3) == j2))
    del base
    del d3
    del l3
print(r)
print(dict([(1, 2), (3, 4, 5)]))    # ValueError: element #1 has length 3
