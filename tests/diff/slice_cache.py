# tests/diff/slice_cache.py: CPython keeps one dead slice object whole
# (interp->slice_cache, 3.11 and 3.12) and the next slice is that one, so
# x[a:b] takes no block from the allocator while a slice is cached
# (heap.h slice_alloc, heap/dealloc.h slice_dealloc). Each piece below is
# made where an equal-sized one just died: it takes that one's block only
# if the slice did not; with a block of the slice's own size class taken
# by the slice, it would land elsewhere.
import sys

text = "abcdefghijklmnopqrstuvwxyz0123456789"
same = []
for n in range(1, 30):
    a = text[0:n]
    i = id(a)
    del a
    b = text[1:n + 1]
    same.append(id(b) == i)
    del b
print(same)

xs = list(range(40))
same = []
for n in range(1, 12):
    a = xs[0:n]
    i = id(a)
    j = sys.getsizeof(a)
    del a
    b = xs[2:n + 2]
    same.append((id(b) == i, sys.getsizeof(b) == j))
    del b
print(same)

t = tuple(range(30))
out = []
for k in range(5):
    u = t[k:k + 7:2]
    out.append((u, sys.getrefcount(t)))
print(out)
