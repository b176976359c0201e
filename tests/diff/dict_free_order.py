# tests/diff/dict_free_order.py: a dying dict frees its keys and values in
# CPython's order (free_keys_object: key 0, value 0, key 1, ...), which
# decides the ids the next objects get from the allocator's free lists.
x = 5
v0 = x + 1000
v1 = x + 2000
v2 = x + 3000
i0, i1, i2 = id(v0), id(v1), id(v2)
d = {"a": v0, "b": v1, "c": v2}
del v0, v1, v2
del d
n1 = x + 4000
n2 = x + 5000
n3 = x + 6000
print("values:", id(n1) == i2, id(n2) == i1, id(n3) == i0)

