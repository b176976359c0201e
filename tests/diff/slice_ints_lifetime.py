# slice_dealloc drops step, start, stop in that order: the ints of
# xs[a + 1:a + 2] die start first, so the next int made takes stop's
# block (the top of pymalloc's free list).
xs = list(range(10))
a = 10 ** 6
p = a + 11
q = a + 12
ids = [id(p), id(q)]
del p, q
r = xs[a + 1:a + 2]
x = a + 5
y = a + 6
print([id(v) in ids and ids.index(id(v)) for v in (x, y)], r)
s = "text"
print(s[a + 1:a + 2] == "", s[-a:a:2], xs[-a:a:a // 2])
