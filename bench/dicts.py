# bench/dicts.py: counting in a dict with int keys (get, set, iteration).
def main(n):
    d = {}
    for i in range(n):
        k = i % 1000
        d[k] = d.get(k, 0) + 1
    t = 0
    for k in d:
        t = t + d[k] * k
    return t

print(main(5000000))
# ir: print(main(100000))
