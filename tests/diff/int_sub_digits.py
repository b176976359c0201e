# a - b for positive ints, either of three or more 30-bit digits, from RAM
# (heap.h int_sub_digits, from the CPU loop and from op_binary): the sign,
# the normalised size when top digits cancel, results that land on cached
# small ints or two-digit ints, equal operands, and operands too long for
# the buffer (the BigInt path).
import sys
D = 2 ** 30
vals = [D ** 2, D ** 2 + 1, D ** 3 - 1, D ** 3, D ** 3 + 5, 7 ** 40, 7 ** 40 + 255, 7 ** 40 - 3, D ** 5 + D ** 4, 10 ** 60, 5, 0, D + 1]
out = []
for a in vals:
    for b in vals:
        d = a - b
        out.append(f"{d % 1000003}:{d < 0}:{sys.getsizeof(d)}")
print(" ".join(out))
print(7 ** 40 - (7 ** 40 - 3), (7 ** 40 - 3) - 7 ** 40, 7 ** 40 - (7 ** 40 - 300), (D ** 3 + 5) - D ** 3)
x = 7 ** 40 + 255
y = 7 ** 40
z = x - y
c = 255
print(z, z is c, y - x, y - x == -255)
a = 10 ** 600
b = 7 ** 300
n = 0
while a > b:
    a -= b
    n += 1
    if n >= 3000:
        break
print(n, a % 1000000007, sys.getsizeof(a))
big = 3 ** 40000                        # past the buffer: the general path
print((big - (big - 12345)), (big - 1) % 1000003, sys.getsizeof(big - 1))
print(-(D ** 3) - D ** 3, (-(D ** 3)) - (-(D ** 4)), D ** 3 - (-5), -5 - D ** 3, True - D ** 3)
