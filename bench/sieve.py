# bench/sieve.py: a list of bools (a sieve of Eratosthenes: items
# assigned in range steps), then enumerate, zip over two slices, and a
# while loop reading pairs of items.
def main(n):
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    p = 2
    while p * p <= n:
        if flags[p]:
            for m in range(p * p, n + 1, p):
                flags[m] = False
        p += 1
    primes = [i for i, f in enumerate(flags) if f]
    twins = 0
    gap = 0
    for a, b in zip(primes, primes[1:]):
        if b - a == 2:
            twins += 1
        if b - a > gap:
            gap = b - a
    sexy = 0
    i = 5
    while i + 6 <= n:
        if flags[i] and flags[i + 6]:
            sexy += 1
        i += 2
    return len(primes), twins, gap, sexy, sum(primes) % 1000000007

print(main(15000000))
# ir: print(main(1500000))
