# Big ints added in the CPU loop (int_add_digits called from the loop's
# binary case) and big ints freed inline (heap_free_number takes any int
# whose block is a pool's): values, sizes, refcounts and block reuse.
import sys
D = 2 ** 30
a, b = 0, 1
for _ in range(700):
    a, b = b, a + b                     # ADD of two big positives
print(a % 1000000007, sys.getsizeof(a), sys.getsizeof(b), a.bit_length())
s = D ** 3 + 5
for i in range(50):
    s += D ** 4 - i                     # IADD
print(s, sys.getsizeof(s))
t = D ** 3
print(t + True, True + t, t + -1, -t + t, -t + -t, (-t) + 7, t + 0, 0 + t)
big = [D ** k + k for k in range(3, 40)]
tot = 0
for x in big:
    tot = tot + x + x                   # results die as the loop goes on
print(tot % 999983, sys.getsizeof(tot))
x = D ** 5 + 1
y = x + x
print(sys.getrefcount(y), sys.getrefcount(x))
t = 0
for i in range(6):
    z = x + i                           # each dies when z is rebound
    t += z % 1000
print(t)
huge = 7 ** 700                         # over the pool threshold: a large block
h2 = huge + huge
print(h2 % 1000003, sys.getsizeof(h2))
del h2
print(sum(D ** 20 + i for i in range(100)) % 1000003)
