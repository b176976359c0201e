# bench/bigfib.py: big ints added and subtracted at module level (iterative
# Fibonacci with tuple assignment, then a countdown by a big step).
# pgo: skip (measured, not trained on: see bench/README.md)
N = 5500
s = 0
for n in range(0, N, 3):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    s += a % 1000003
big = 7 ** 1000
step = big // (N * 40) + 12345
k = 0
while big > step:
    big -= step
    k += 1
print(s, k, big % 1000000007)
# ir: N = 1200
