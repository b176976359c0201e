# The sieve of Eratosthenes: a list of booleans crossed out in place.
import sys

def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = False
    is_prime[1] = False
    p = 2
    while p * p <= limit:
        if is_prime[p]:
            for multiple in range(p * p, limit + 1, p):
                is_prime[multiple] = False
        p += 1
    return [n for n in range(limit + 1) if is_prime[n]]

primes = sieve(100)
print(f"{len(primes)} primes up to 100:")
print(primes)
print("sum:", sum(primes), "largest:", max(primes))
twins = [(p, p + 2) for p in primes if p + 2 in primes]
print("twin primes:", twins)
for i, p in enumerate(primes[:8]):
    print(f"{i + 1:2d}. {p:3d} {bin(p):>9} {hex(p)}")
print("the list of", len(primes), "primes takes", sys.getsizeof(primes), "bytes")
print("the sieve of 101 flags takes", sys.getsizeof([True] * 101), "bytes")

# expect: 25 primes up to 100:
# expect: [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97]
# expect: sum: 1060 largest: 97
# expect: twin primes: [(3, 5), (5, 7), (11, 13), (17, 19), (29, 31), (41, 43), (59, 61), (71, 73)]
# expect:  1.   2      0b10 0x2
# expect:  2.   3      0b11 0x3
# expect:  3.   5     0b101 0x5
# expect:  4.   7     0b111 0x7
# expect:  5.  11    0b1011 0xb
# expect:  6.  13    0b1101 0xd
# expect:  7.  17   0b10001 0x11
# expect:  8.  19   0b10011 0x13
# expect: the list of 25 primes takes 312 bytes
# expect: the sieve of 101 flags takes 864 bytes

# expect[cpython-3.12-32bit,cpython-3.11-32bit]: 25 primes up to 100:
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97]
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: sum: 1060 largest: 97
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: twin primes: [(3, 5), (5, 7), (11, 13), (17, 19), (29, 31), (41, 43), (59, 61), (71, 73)]
# expect[cpython-3.12-32bit,cpython-3.11-32bit]:  1.   2      0b10 0x2
# expect[cpython-3.12-32bit,cpython-3.11-32bit]:  2.   3      0b11 0x3
# expect[cpython-3.12-32bit,cpython-3.11-32bit]:  3.   5     0b101 0x5
# expect[cpython-3.12-32bit,cpython-3.11-32bit]:  4.   7     0b111 0x7
# expect[cpython-3.12-32bit,cpython-3.11-32bit]:  5.  11    0b1011 0xb
# expect[cpython-3.12-32bit,cpython-3.11-32bit]:  6.  13    0b1101 0xd
# expect[cpython-3.12-32bit,cpython-3.11-32bit]:  7.  17   0b10001 0x11
# expect[cpython-3.12-32bit,cpython-3.11-32bit]:  8.  19   0b10011 0x13
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: the list of 25 primes takes 156 bytes
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: the sieve of 101 flags takes 432 bytes
