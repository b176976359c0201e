# bench/comprehension.py: list comprehensions (with a filter), sum() and len().
def main(n):
    t = 0
    for r in range(n):
        xs = [i * 2 for i in range(100)]
        ys = [x for x in xs if x % 3 == 0]
        t = t + sum(ys) + len(xs)
    return t

print(main(100000))
# ir: print(main(5000))
