# int arithmetic on values of three digits that still fit in int64 (2**60
# to 2**63) goes through C's int64 with overflow checks; past int64 the
# big-int paths take over: values, sizes, identities at the edges.
import sys
edges = [2 ** 60 - 1, 2 ** 60, 2 ** 62 + 12345, 2 ** 63 - 1, -(2 ** 63), -(2 ** 63) + 1, -(2 ** 61) - 7,
         2 ** 31, 1103515245, 12345, -1, 0, 1, 3, 2 ** 63, -(2 ** 63) - 1]
out = []
for x in edges:
    for y in edges:
        out.append(x + y)
        out.append(x - y)
        out.append(x * y)
        if y:
            out.append(x // y)
            out.append(x % y)
            out.append(x / y if abs(x) < 2 ** 53 and abs(y) < 2 ** 53 else 0)
        out.append(x & y)
        out.append(x | y)
        out.append(x ^ y)
    out.append(x >> 3)
    out.append(x << 2)
    out.append(x ** 2)
    out.append(sys.getsizeof(x * 3))
print(len(out), sum(out) % 1000000007, [sys.getsizeof(v) for v in out[:40]])
seed = 42
acc = 0
for i in range(20000):
    seed = (1103515245 * seed + 12345) % 2 ** 31
    acc += seed % 1000
print(seed, acc)
m = -(2 ** 63)
print(m // -1, m % -1, (m - 1) // 1, m * -1, -m, abs(m))
