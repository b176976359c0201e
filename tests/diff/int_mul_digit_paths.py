# big * small for ints of 2 to 60 digits (30-bit digits), where tracevm
# multiplies the two halves of the digits as two carry chains and then
# carries the low half's overflow into the high half: digits of all ones
# (the carry runs through every digit of the high half), alternating and
# pseudo-random patterns, multipliers up to 2**30 - 1, both signs.
M = 2 ** 30 - 1
seed = 12345
h = 0
count = 0
for n in range(2, 61):
    patterns = [2 ** (30 * n) - 1, (2 ** (30 * n) - 1) // 3, 2 ** (30 * n - 1) + 1]
    x = 0
    for i in range(n):
        seed = (seed * 1103515245 + 12345) % 2147483648
        x = x * 2 ** 30 + seed % (2 ** 30)
    patterns.append(x)
    for p in patterns:
        for m in [1, 2, 3, 7, 1000, 65535, M, M - 1, 2 ** 29, -1, -M]:
            r = p * m
            h = (h * 1000003 + r % 1000000007 + r.bit_length()) % 2 ** 61
            count += 1
            r = m * -p
            h = (h * 1000003 + r % 999999937) % 2 ** 61
print(count, h)
f = 1
for i in range(2, 2000):
    f = f * i
print(f % 1000000007, f.bit_length())
