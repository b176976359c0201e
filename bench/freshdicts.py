# bench/freshdicts.py: short-lived dicts with int keys, tuples and lists, made, probed and dropped.
def main(n):
    total = 0
    for i in range(n):
        a, b = i, i + 1
        t = (a, b, (a, b))
        d = {}
        d[a] = t
        d[b] = [t]
        if a in d and b not in t:
            total += len(d) + t[2][1]
        elif b in d:
            total += len(d[b])
    return total

print(main(7000000))
# ir: print(main(50000))
