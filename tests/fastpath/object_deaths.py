# Iterators, slices, enumerate and zip objects and functions dying with
# the last references to what they hold (dealloc.h free_object against the
# work list): the ids of what is made after show the order blocks came back.
def make(n):
    def_list = [n * 1000000007, (n, n * 3)]
    def f(x, d=(def_list, [n * 1000000009])):
        return x
    return f
ids = []
for r in range(300):
    for it in [r * 1000000007, [r, r * 1000000009], (r, 2.5 * r)]:
        break
    e = enumerate(zip([r * 7919, (r,)], [[r * 1000000021]]))
    s = [r, r * 1000000007, r * 3][r * 1000000007 - r * 1000000007:r * 1000000009]
    f = make(r)
    it = None
    e = None
    s = None
    f = None
    a = [r * 1000000033, (r, r * 1000000037)]
    b = (r * 5.5, [r * 1000000039])
    ids.append(id(a) - id(b))
for x in [[i * 1000000007] for i in range(50)]:
    pass
g = [(i, [i * 1000000007]) for i in range(100)]
for k, (i, l) in enumerate(zip(g, g)):
    pass
print(len(ids), sum(ids) % 1000003, k)
