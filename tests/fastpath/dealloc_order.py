# Nested tuples and lists dying (heap.c free_seq against the work list):
# the ids of what is made after the frees show the order blocks came back.
t = None
i = 0
while i < 200000:
    t = (t, [i, (i, i * 1000000007)])
    i = i + 1
l = []
i = 0
while i < 1000:
    l = [l, (l, i), i * 1000000007]
    i = i + 1
t = 0
l = 0
print(len([1, 2]))
keep = []
i = 0
while i < 300:
    keep.append((i * 1000000009, [i * 3, 2.5 * i], (i, i + 1)))
    i = i + 1
s = 0
for k in keep:
    s = (s * 31 + id(k) + id(k[0]) + id(k[1]) + id(k[2]) + id(k[1][1])) % 1000000007
print(s)
u = ([1000000011, (1000000012, [1000000013, 2.5])], [(1000000014,), [1000000015]])
a = id(u[0]); b = id(u[0][1]); c = id(u[1][0])
u = 0
x = [(7000000001, 7000000002), [7000000003]]
print(id(x) - a, id(x[0]) - b, id(x[1]) - c)
