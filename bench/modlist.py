# bench/modlist.py: build a list of a million ints at module level, then index it.
# pgo: skip (measured, not trained on: see bench/README.md)
N = 1000000
xs = []
for i in range(N):
    xs.append(i * 2)
total = 0
for rep in range(14):
    for i in range(len(xs)):
        total += xs[i]
print(total)
# ir: N = 100000
