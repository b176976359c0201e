# range iterators: range_iterator while every number is a C long,
# longrange_iterator otherwise (32-bit: past 2**31), each a type of its own.
import sys
big = 2 ** 40
for r in [range(5), range(big, big + 9, 4), range(-2 ** 63, -2 ** 63 + 4), range(2 ** 62, 2 ** 63 - 1, 2 ** 61)]:
    it = iter(r)
    print(type(it), sys.getsizeof(it), next(it), list(it), type(it) is type(iter(range(1))))
rv = reversed(range(big, big + 3))
print(type(rv), list(rv))
rv = reversed(range(-2 ** 63, -2 ** 63 + 5, 2))
print(type(rv), list(rv), type(rv) is type(iter(range(-2 ** 63, -2 ** 63 + 4))))
a = iter(range(big, big + 2))
b = iter(range(3))
print(next(b), next(a), next(b), list(a), list(b))
