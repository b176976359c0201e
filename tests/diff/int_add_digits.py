# a + b for positive ints, the longer of three or more 30-bit digits, is
# added straight from RAM (heap/obj_int.c int_add_digits) when the top
# digits decide the carry out; otherwise, and for any negative operand, the
# BigInt path. Values and sizes at each edge of that decision.
import sys
D = 2 ** 30
lo = D ** 2 * 5 + D * 7 + 11                    # three digits, small below the top
for top_a, top_b in [(1, 1), (D // 2, D // 2), (D // 2, D // 2 - 1), (D // 2, D // 2 - 2), (D - 1, 1), (D - 1, 0), (D - 2, 1), (D - 1, D - 1)]:
    a = top_a * D ** 2 + D ** 2 - 1             # all lower digits 2**30 - 1: a carry comes from below
    b = top_b * D ** 2 + 1
    s = a + b
    t = b + a
    print(top_a, top_b, s == t, s % 1000003, s >> 60, sys.getsizeof(s), sys.getsizeof(a + lo))
for shorter in [1, D - 1, D, D ** 2 - 1, D ** 2 + 3]:
    for longer in [(D - 1) * D ** 2 + D ** 2 - 1, (D - 2) * D ** 2 + D ** 2 - 1, D ** 3 + 1, 7 ** 60]:
        s = longer + shorter
        print(s % 999983, s >> 88, sys.getsizeof(s), sys.getsizeof(shorter + longer))
print(-(D ** 3) + D ** 3, (-(D ** 3)) + 5, D ** 3 + -5, sys.getsizeof(D ** 3 + -(D ** 3)))
a, b = 1, 1
for i in range(3000):
    a, b = b, a + b
print(a % 1000000007, b % 998244353, sys.getsizeof(a), sys.getsizeof(b))
