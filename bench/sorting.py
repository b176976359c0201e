# bench/sorting.py: lists of ints sorted in place, then min and max.
def main(n):
    t = 0
    for r in range(n):
        xs = [(i * 7919) % 1000 for i in range(200)]
        xs.sort()
        t = t + xs[100] + max(xs) - min(xs)
    return t

print(main(30000))
# ir: print(main(2000))
