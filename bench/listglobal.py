# bench/listglobal.py: a list of a million ints built and indexed at module
# level (every name a global): append, a sum by index, items rewritten.
n = 1000000
xs = []
for i in range(n):
    xs.append(i * 2)
total = 0
for i in range(len(xs)):
    total += xs[i]
for j in range(20):
    for i in range(len(xs)):
        xs[i] = xs[i] + 1
print(total, sum(xs))
# ir: n = 50000
