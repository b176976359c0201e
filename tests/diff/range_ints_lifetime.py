# range() and iter(range) as CPython makes and drops their ints: 3.11
# computes the length with int objects (stop - start, - 1, // step, + 1,
# each temporary freed again; 3.12 in C longs), and range_dealloc drops
# start, stop, step, length in that order. The ids of the ints made next
# show which blocks those left on pymalloc's free lists.
a = 10 ** 6
p = a + 1
q = a + 2
ids = [id(p), id(q)]
del p, q
r = range(1000)             # 3.11: 1000, 999, 999 and 1000 made; the last kept
x = a + 5
y = a + 6
print([id(v) in ids and ids.index(id(v)) for v in (x, y)], len(r))
del r, x, y

s = a + 1
e = a + 1000
ids = [id(s), id(e)]
r = range(s, e)
del s, e
del r                       # start dies first, then stop, then the length (999)
x = a + 5                   # the length's block: the top of the free list
y = a + 6                   # stop's (start's may sit in another pool: 3.12-32's
print([id(v) in ids and ids.index(id(v)) for v in (x, y)])   # oracle runs every test in one process)

total = 0
for i in range(300, 2000, 7):           # nested small ranges take the loops' fast path
    for j in range(3):
        total += i * j
    for j in range(i, i - 9, -3):
        total -= j
    for j in range(-5, 5, 2):
        total += j
print(total, list(range(7, -8, -3)), list(range(0)), list(range(5, 1)))
it = iter(range(2 ** 62, 2 ** 62 + 3))
print(next(it), list(it))
print(list(range(True, 3)), sum(range(10 ** 6, 10 ** 6 + 4)))
