# bench/modloop.py: a tight integer loop at module level (globals, for over range, +=).
# pgo: skip (measured, not trained on: see bench/README.md)
N = 12000000
total = 0
for i in range(N):
    total += i * i % 7
print(total)
# ir: N = 1200000
