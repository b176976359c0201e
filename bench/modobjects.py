# bench/modobjects.py: short-lived tuples, lists and dicts made at module level.
# pgo: skip (measured, not trained on: see bench/README.md)
N = 3000000
count = 0
for i in range(N):
    p = (i, i * 2)
    q = [p, p, i]
    d = {"a": i, "b": q}
    count += len(q) + d["a"] % 3 + p[1] % 5
print(count)
# ir: N = 300000
