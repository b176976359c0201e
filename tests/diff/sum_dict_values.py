# sum() of a dict's values: small ints and bools taken where they lie, then
# big ints, floats, a partly consumed iterator, a view summed twice.
d = {i: i * 3 for i in range(50)}
print(sum(d.values()), sum(d.values(), 10))
d["x"] = 2 ** 70
d["y"] = True
d["z"] = 2.5
print(sum(d.values()))
e = {"a": 2 ** 62, "b": 2 ** 62, "c": 1}
print(sum(e.values()))
del d[3]
it = iter(d.values())
print(next(it), sum(it), list(it))
f = {1: 1, 2: 2}
vs = f.values()
print(sum(vs), sum(vs))
g = {i: -i for i in range(10)}
print(sum(g.values()), sum({}.values()))
