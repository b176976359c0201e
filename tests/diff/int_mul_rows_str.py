# big * big through the schoolbook product's four-row blocks and its
# leftover rows (operands of 1 to 12 and around 70-150 digits, so
# Karatsuba's halves too), and str() of big ints, which converts two
# 30-bit digits a step: odd and even digit counts, all-ones digits (the
# largest carries), runs of zero digits, powers of ten (runs of zero chunks) and both signs.
seed = 987654321
def rnd(ndig):
    global seed
    x = 0
    for i in range(ndig):
        seed = (seed * 1103515245 + 12345) % 2147483648
        x = x * 2 ** 30 + seed % (2 ** 30)
    return x
h = 0
count = 0
sizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 69, 70, 71, 100, 141, 150]
for na in sizes:
    for nb in sizes:
        # zero digits: whole four-row blocks of them, and blocks with one
        for a in [rnd(na), 2 ** (30 * na) - 1, 2 ** (30 * na - 7) + 5, (2 ** (30 * na) - 1) << 120, rnd(na) << 150 | 3 << 60]:
            for b in [rnd(nb), 2 ** (30 * nb) - 1, -rnd(nb)]:
                r = a * b
                h = (h * 1000003 + r % 1000000007 + r.bit_length()) % 2 ** 61
                count += 1
print(count, h)
total = 0
for n in range(3, 200, 7):
    for x in [rnd(n), 2 ** (30 * n) - 1, 10 ** (9 * n // 3), 10 ** (9 * n // 3) - 1, -rnd(n)]:
        s = str(x)
        total = (total * 31 + len(s) + int(s[:12]) + int(s[-12:])) % 2 ** 61
print(total)
print(str(2 ** 60), str(2 ** 60 - 1), str(-2 ** 90), str(10 ** 18), str(10 ** 27 + 1))
f = 1
for i in range(2, 1400):
    f = f * i
s = str(f)
print(len(s), s[:40], s[-40:])
