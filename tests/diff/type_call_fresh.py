# list(...) and dict(...) call the type's tp_alloc: a fresh block, not the
# free lists that [] and {} (PyList_New, new_dict) take from. The ids of
# lists and dicts made after show which blocks each took.
p = [0]
r = []
for k in range(6):
    d1 = {1: p}
    d2 = {1: p}
    l1 = [p]
    l2 = [p]
    i1, i2, j1, j2 = id(d1), id(d2), id(l1), id(l2)
    del d1
    del d2
    del l1
    del l2
    if k == 0:
        v = dict()
    elif k == 1:
        v = dict(a=1)
    elif k == 2:
        v = {}
    elif k == 3:
        v = dict(zip("ab", "cd"))
    elif k == 4:
        v = list()
    else:
        v = list("ab")
    d3 = {1: p}
    l3 = [p]
    r.append((k, id(d3) == i1, id(d3) == i2, id(l3) == j1, id(l3) == j2))
    del v
    del d3
    del l3
print(r)
