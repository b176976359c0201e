# bench/pctformat.py: '%' formatting of ints, strs and floats, then split() and int().
# pgo: skip (measured, not trained on: see bench/README.md)
N = 1000000
lines = []
for i in range(N):
    lines.append("%d:%s:%.2f" % (i, "x" * (i % 5), i / 7))
total = 0
for ln in lines:
    parts = ln.split(":")
    total += int(parts[0]) + len(parts[1])
print(total)
# ir: N = 100000
