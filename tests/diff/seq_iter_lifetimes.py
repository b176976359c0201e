# tests/diff/seq_iter_lifetimes.py: iterators of lists, tuples and strs
# (list_iter, tuple_iter, unicode_iter), which the loops without hooks make
# in ITER itself (vm/cpu_builtins.h iter_unhooked), end in FORITER
# (op_next_fast drops the sequence there) and free in heap/dealloc.h. The
# sequence's refcount while a loop runs, after it ends and after a break
# (the dying iterator drops it), an exhausted iterator asked again, a
# temporary list or tuple that only its iterator holds, nested loops over
# one list, and the ids of iterators made and freed in turn (a block
# handed back and taken again). tests/fastpath.sh compares each against a
# traced run's RAM.
import sys

xs = [10, 20, 30]
t = (1, "two", 3.0)
s = "abc"
u = "h\u00e9llo"

out = []
for x in xs:
    out.append(sys.getrefcount(xs))
out.append(sys.getrefcount(xs))
for x in xs:
    if x == 20:
        out.append(sys.getrefcount(xs))
        break
out.append(sys.getrefcount(xs))
for v in t:
    out.append(sys.getrefcount(t))
out.append(sys.getrefcount(t))
for c in s:
    out.append(c)
for c in u:
    out.append(c)
print(out)

it = iter(xs)
print(sys.getrefcount(xs), next(it), list(it), sys.getrefcount(xs), list(it))
it = iter(t)
print(next(it), next(it), sys.getrefcount(t), list(it), sys.getrefcount(t))
del it

n = 0
for a in xs:
    for b in xs:
        for c in t[::2]:
            n = n * 3 + a + b + int(c)
print(n, sys.getrefcount(xs))

total = 0
for i in range(50):
    for y in [i, i + 1, i * 2]:
        total += y
    for y in (i, -i):
        total -= y
    for ch in "xyz":
        total += len(ch)
print(total)

ids = []
for k in range(4):
    a = iter(xs)
    b = iter(t)
    ids.append(id(a) - id(b))
    del a, b
print(ids.count(ids[0]) == len(ids), sys.getsizeof(iter(xs)) == sys.getsizeof(iter(t)))


def drain(seq):
    n = 0
    for _ in seq:
        n += 1
    return n, sys.getrefcount(seq)


print(drain([1, 2, 3]), drain(t), drain(list(range(40))), drain("abcd"[1:]))

# enumerate and zip of lists, tuples, strs and ranges: made in the loops
# without hooks by enum_new and zip_new (vm/iter_next.h) quietly
pairs = []
for i, v in enumerate(xs, 1):
    pairs.append((i, v, sys.getrefcount(xs)))
for i, c in enumerate("ab"):
    pairs.append((i, c))
for i, v in enumerate(range(5, 8), -2):
    pairs.append(i * v)
for a, b, c in zip(range(3), t, "xyz"):
    pairs.append((a, b, c))
for a, b in zip(xs, xs[1:]):
    pairs.append(b - a)
for p in zip():
    pairs.append(p)
print(pairs, sys.getrefcount(xs), sys.getrefcount(t))
z = zip(xs, t)
e = enumerate(t, 2 ** 70)
print(sys.getrefcount(xs), next(z), list(e), list(z), sys.getrefcount(xs))
del z, e
print(sys.getrefcount(xs), sys.getrefcount(t))
