# MOVE of a local into a temporary that JMPIF / JMPIFNOT tests: the loops
# without hooks test the local where it lies (vm/cpu.h MOVE). Each kind of
# value the branch can see, a refcount read right after, and a step limit
# that can fall between the two instructions (tests/fastpath.sh compares
# the untraced run's RAM with the traced one's).
import sys


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def count(xs):
    n = 0
    for x in xs:
        if x:
            n += 1
        if not x:
            n -= 100
    return n


big = 10 ** 30
s = "text" + str(len("ab"))
vals = [0, 1, -1, big, -big, 0.0, 2.5, "", s, [], [s], (), (1,), {}, {1: 2}, None, True, False, range(0), range(3)]
print(count(vals), sys.getrefcount(s), sys.getrefcount(big))
print(gcd(10 ** 12 + 39, 10 ** 9 + 7), gcd(2 ** 40, 6 ** 20), gcd(7, 0))
k = 5
while k:
    k -= 1
print(k)
