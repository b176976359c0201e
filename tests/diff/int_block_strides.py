# The block CPython's long arithmetic allocates, seen as the smallest id
# stride among 2000 live results: x_add takes one digit more than the
# longer operand, x_sub the longer operand's digits, x_mul the sum of
# both, and long_normalize shrinks only the size field, so i + 2**40 (two
# digits) sits in a three-digit block (the reference's stride table).
# Compact operands (one digit at most) take the exact size.
# oracle-skip: 3.12-32 (pyodide has no pymalloc: each block is the request plus dlmalloc's header, so its strides are no pool's)
def stride(xs):
    ids = [id(x) for x in xs]
    ids.sort()
    best = 10 ** 9
    for i in range(len(ids) - 1):
        d = ids[i + 1] - ids[i]
        if 0 < d < best:
            best = d
    return best

n = 2000
big2 = 2 ** 40
big6 = 2 ** 170
print("1-digit + 1-digit", stride([i + 1000 for i in range(n)]))
print("2 + 1", stride([i + big2 for i in range(n)]))
print("1 + 2", stride([big2 + i for i in range(n)]))
print("2 - 1", stride([big2 - i for i in range(n)]))
print("2 - 2 -> 1 digit", stride([(big2 + i) - (big2 - 2 ** 20) for i in range(n)]))
print("-2 + 1", stride([-big2 + i for i in range(n)]))
print("-2 - 1", stride([-big2 - i for i in range(n)]))
print("2 * 1", stride([(2 ** 50 + i) * 3 for i in range(n)]))
print("1 * 2", stride([3 * (2 ** 50 + i) for i in range(n)]))
print("2 * 2", stride([(big2 + i) * (big2 + 1) for i in range(n)]))
print("6 + 1", stride([big6 + i for i in range(n)]))
print("6 - 1", stride([big6 - i for i in range(n)]))
print("6 * 1", stride([big6 * (i + 2) for i in range(n)]))
acc = []
x = big2
for i in range(n):
    x += 1
    acc.append(x)
print("x += 1", stride(acc))
print("values", sum(acc) % 1000003, (big6 - 7) * 3 % 1000003)
