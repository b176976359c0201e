# bench/listops.py: list(range), l[i] = l[i] * 2 + 1, sorted(reverse=True), a copy reversed and popped empty, nested comprehensions.
def main(n):
    xs = list(range(n))
    for i in range(n):
        xs[i] = xs[i] * 2 + 1
    ys = sorted(xs, reverse=True)
    zs = xs[:]
    zs.reverse()
    total = 0
    while zs:
        total += zs.pop()
    m = [[j for j in range(10)] for i in range(n // 10)]
    return total + ys[0] + sum(m[5]) + len(m) + xs.index(201) + ys.count(3)

print(main(3000000))
# ir: print(main(60000))
