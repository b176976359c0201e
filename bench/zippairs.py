# bench/zippairs.py: a list walked in pairs with zip over a slice, and by
# enumerate, in for loops.
def main(n, rounds):
    xs = list(range(0, n * 3, 3))
    gaps = 0
    big = 0
    for k in range(rounds):
        for a, b in zip(xs, xs[1:]):
            if b - a == 3:
                gaps += 1
            if b - a > big:
                big = b - a
        for i, x in enumerate(xs):
            if x % 7 == i % 7:
                gaps += 1
    return gaps, big

print(main(1000000, 14))
# ir: print(main(100000, 1))
