# A dict changed while an iterator walks it, as CPython's dictiter_iternext*:
# values may change, a key may go and another come while the size stays,
# and a forward walk that finds more keys than it began with raises
# RuntimeError("dictionary keys changed during iteration") (the last line;
# tests/diff/dict_iter_size_change.py has the size check).
d = {"a": 1, "b": 2, "c": 3}
for k in d:
    d[k] = d[k] * 10             # values only: no error
print(d)
for k in d:
    if k == "a":
        del d["b"]
        d["x"] = 0               # same size: the walk goes on and sees x
    print(k, end=" ")
print(d)
it = iter(d.items())
print(next(it))
d["a"] = -1                      # a value changed: seen by the next items
print(list(it))
r = reversed(d)
print(next(r))
del d["c"]
d["c"] = 5
print(list(r))                  # same size, keys moved: the reverse walk has no len check
e = {"p": 1, "q": 2}             # p goes, r comes: q then r is one key too many
seen = []
for k in e:
    seen.append(k)
    if k == "p":
        del e["p"]
        e["r"] = 3
print(seen)
