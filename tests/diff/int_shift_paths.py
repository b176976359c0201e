# x >> n and x << n of ints of at most two digits run inline in the CPU
# loops: Python's floor for negative x, n past the word size, and left shifts whose result leaves 62 bits (the
# general path, then big ints). Each result is a new int (x >> 0 is not
# x), a cached small int where it falls in -5..256.
import sys
xs = [0, 1, -1, 5, -5, 255, 256, 1000, -1000, 2 ** 29 - 1, 2 ** 30, -(2 ** 30) - 3, 2 ** 59 + 7, -(2 ** 59) - 9,
      2 ** 60 - 1, -(2 ** 60) + 1, 2 ** 60, 2 ** 75 + 3]
ns = [0, 1, 2, 3, 7, 29, 30, 31, 32, 59, 60, 61, 62, 63, 64, 65, 100]
out = []
for x in xs:
    for n in ns:
        out.append(x >> n)
        out.append(x << n)
print(len(out), sum(out) % 1000000007, out[:60])
print([sys.getsizeof(v) for v in out[:80]])
big = 1000 + len(xs)
print(big >> 0 is big, big << 0 is big, (big >> 2) is (big >> 2), (5 << 3) is (40 + big - big), (-512 >> 7) is (big - big - 4))
acc = 0
for i in range(3000):
    x = i * 7919
    while x > 0:
        acc += x & 7
        x >>= 3
    acc ^= (i << 11) >> 5
print(acc)
