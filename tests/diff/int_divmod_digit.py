# big // m and big % m for a one-digit m take a path straight from RAM
# (heap/obj_int.c int_divmod_digit) for a positive big of three or more
# 30-bit digits; the rest take the BigInt path. Values and sizes of both.
import sys
bigs = [2 ** 60, 2 ** 60 + 12345, 2 ** 90 - 1, 3 ** 100, 10 ** 40 + 7, 2 ** 89 * 3, 7 ** 300, -(3 ** 100), -(2 ** 90)]
ms = [1, 2, 3, 7, 10, 255, 256, 1000, 10 ** 9, 2 ** 30 - 1, 2 ** 30, 2 ** 31, -1, -7, -(2 ** 30 - 1)]
for a in bigs:
    row = []
    for m in ms:
        q, r = a // m, a % m
        row.append((q % 1000003, r, sys.getsizeof(q), sys.getsizeof(r)))
    print(row)
n = 1
for i in range(1, 400):
    n *= i
s, q, steps = 0, n, 0
while q:
    s += q % 10
    q //= 10
    steps += 1
print(s, steps, sys.getsizeof(n))
x = 2 ** 90 + 5
print(x // (2 ** 30 - 1), (x // (2 ** 30 - 1)) // (2 ** 30 - 1), x % (2 ** 30 - 1))
