# The CPU loop's inline arithmetic (vm/cpu.h int_pair, float_pair): every
# operator on pairs of edge values (digit and small-int boundaries, 2**53,
# 2**60, -0.0, mixed int/float) and pseudo-random ones, against CPython.
seed = 12345
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed
vals = [0, 1, -1, 2, -2, 7, -7, 255, 256, 257, -5, -6, 1073741823, 1073741824, -1073741824, 2 ** 59, -(2 ** 59), 2 ** 60 - 1, 2 ** 62, 0.5, -0.5, 3.0, 1e300, -0.0, 2 ** 53, 2 ** 53 + 1, -(2 ** 53) - 1, 2 ** 53 - 1, -(2 ** 53 - 1), -(2 ** 53), 3, -3, 10]
i = 0
while i < 25:
    vals.append((rnd() - 1073741824) * (rnd() % 5 + 1))
    vals.append((rnd() % 1000) / 7)
    i = i + 1
acc = 0
out = []
for a in vals:
    for b in vals:
        r = [a + b, a - b, a * b, a < b, a <= b, a > b, a >= b, a == b, a != b]
        if b != 0:
            r.append(a / b)
            r.append(a // b)
            r.append(a % b)
        if isinstance(a, int) and isinstance(b, int):
            r.append(a & b)
            r.append(a | b)
            r.append(a ^ b)
        out.append(repr(r))
print(len(out))
h = 0
for s in out:
    for ch in s:
        h = (h * 31 + ord(ch)) % 1000000007
print(h)
