# A big int times a one-digit int, which heap/obj_int.c int_mul_digit
# multiplies from RAM to RAM: values, signs, sizes (the digit count is
# decided before multiplying), and the products whose top digit the
# bounds cannot predict (they take the general path).
import sys
a = 2 ** 30 - 1
b = a * a * a
for m in [1, -1, 2, 3, -7, 2 ** 29, -(2 ** 29), 2 ** 30 - 1, -(2 ** 30 - 1), True]:
    p = b * m
    q = m * b
    print(p == q, p % 1000000007, sys.getsizeof(p), sys.getsizeof(-p))
for m in [0, False]:
    print(b * m, m * b, sys.getsizeof(b * m))
# top digit 1 and a multiplier that carries into a new digit or not
for top in [1, 2, 2 ** 15, 2 ** 29]:
    v = top * 2 ** 60 + 2 ** 60 - 1
    for m in [2 ** 30 // top - 1, 2 ** 30 // top, 2 ** 30 // top + 1, 3, 2 ** 30 - 1]:
        if m > 0 and m < 2 ** 30:
            p = v * m
            print(top, m, p % 999983, p >> 61, sys.getsizeof(p), sys.getsizeof(-v * m))
f = 1
i = 2
while i <= 300:
    f = f * i
    i = i + 1
print(f % 1000000007, sys.getsizeof(f), len(str(f)), (-f * 12345) % 1000003)
