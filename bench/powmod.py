# bench/powmod.py: modular exponentiation of multi-digit ints (pow with a modulus).
def main(n):
    m = 2 ** 521 - 1
    q = 10 ** 40 + 121
    acc = 0
    for k in range(n):
        acc = (acc + pow(3 + k, 65537, m)) % m
        acc = acc ^ pow(k + 2, q - 1, q)
    return acc % 1000000007

print(main(24000))
# ir: print(main(100))
