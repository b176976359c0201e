# bench/tuplesort.py: records as tuples, sorted (many equal first items,
# so the merges gallop), re-sorted by a key and sliced into a sieve.
# pgo: skip (measured, not trained on: see bench/README.md)
N = 300000
recs = []
x = 12345
for i in range(N):
    x = (x * 1103515245 + 12345) % 2147483648
    recs.append((x % 1000, i, x))
recs.sort()
recs.sort(reverse=True)
firsts = sorted(recs, key=len)[:10]
flags = [True] * (N + 1)
p = 2
while p * p <= N:
    if flags[p]:
        flags[p * p::p] = [False] * len(range(p * p, N + 1, p))
    p += 1
print(recs[0], recs[-1], recs[N // 2][1], firsts[0], sum(flags))
# ir: N = 30000
