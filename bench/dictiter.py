# bench/dictiter.py: walking dicts the usual ways: for k in d, d.items() unpacked, sum(d.values()), reversed(d), sorted(d), a comprehension over items.
def main(n):
    d = {}
    for i in range(1000):
        d[i * 7 % 1009] = i
    names = {}
    for i in range(200):
        names["k" + str(i)] = i * i
    acc = 0
    for r in range(n):
        for k in d:
            acc += k
        for k, v in names.items():
            if v & 1:
                acc += v
        acc += sum(d.values()) % 1000
        for k in reversed(names):
            acc += len(k)
        inv = {v: k for k, v in names.items()}
        acc += len(inv) + sorted(d)[r % 1000]
    return acc % 1000000007

print(main(20000))
# ir: print(main(2000))
