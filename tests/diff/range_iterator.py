# iter(range(..)) as CPython makes it: a range_iterator of C longs (3.11:
# index, start, step, len; 3.12: start, step, len) holding no references,
# so the range's ints keep their refcounts; a longrange_iterator when a
# value or the length does not fit a C long (the word: 2**31 on 32-bit).
import sys
big = 10 ** 10
start = int("1300")                         # ints made at run time, not constants
stop = start * 5
r = range(start, stop, 7)
before = sys.getrefcount(start), sys.getrefcount(stop)
it = iter(r)
print(sys.getsizeof(it), sys.getrefcount(start) - before[0], sys.getrefcount(stop) - before[1])
print(next(it), next(it), next(it), len(list(it)))
print(list(it), next(iter(r)), list(iter(range(0))))
s = 0
for i in range(start, stop, 7):
    s += i
    if i == start + 700:
        print("inside the loop:", sys.getrefcount(start) - before[0])
print(s)
for args in [(0, 5, 1), (2, 20, 3), (20, 2, -3), (-5, 5, 1), (0, big, big // 3), (big, big + 5, 1), (-big, -big - 9, -2),
             (2 ** 31 - 3, 2 ** 31 + 2, 1), (-2 ** 31 - 2, -2 ** 31 + 3, 1), (2 ** 62, 2 ** 62 + 3, 1),
             (2 ** 63 - 10, 2 ** 63 - 1, 3), (-2 ** 63, -2 ** 63 + 4, 1), (2 ** 31 - 2, 0, -2 ** 30),
             (2 ** 31 - 9, 2 ** 31 - 1, 4), (2 ** 31 - 9, 2 ** 31 - 2, 4), (-2 ** 31 + 5, -2 ** 31, -2)]:
    a, b, c = args
    rg = range(a, b, c)
    n0 = sys.getrefcount(a), sys.getrefcount(c)
    it = iter(rg)
    # a longrange_iterator holds the range's ints: one more reference each
    print(args, sys.getsizeof(it), sys.getrefcount(a) - n0[0], sys.getrefcount(c) - n0[1], list(it)[:5], list(it))
it = iter(range(big, big + 20, 4))
print(next(it), list(it), list(range(big, big + 9, 2)), sum(range(big, big + 5)))
xs = []
for i in range(2 ** 31 - 4, 2 ** 31 + 4, 2):
    xs.append(i)
print(xs)
e = list(enumerate(range(big, big + 3)))
z = list(zip(range(3), range(big, big + 10)))
print(e, z)
import sys
it = iter(range(2**62, 2**63 - 1, 2**61))
print(repr(it)[:27], sys.getsizeof(it), next(it), next(it))
