# bench/modloop.py: a tight integer loop at module level (globals, for over range, +=).
N = 12000000
total = 0
for i in range(N):
    total += i * i % 7
print(total)
# ir: N = 1200000
