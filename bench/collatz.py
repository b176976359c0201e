# bench/collatz.py: a module-level while loop with branches (Collatz steps).
# pgo: skip (measured, not trained on: see bench/README.md)
N = 8000000
n = 0
i = 0
x = 1
while i < N:
    if x % 2 == 0:
        x = x // 2
    else:
        x = 3 * x + 1
    if x == 1:
        x = i + 7
        n += 1
    i += 1
print(n, x)
# ir: N = 800000
