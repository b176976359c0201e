# bench/bigint.py: big-integer arithmetic (factorials of a few thousand;
# printed as remainders: str() of an int over 4300 digits raises ValueError).
def fact(n):
    f = 1
    i = 2
    while i <= n:
        f = f * i
        i = i + 1
    return f

def main(rounds):
    acc = 0
    r = 0
    while r < rounds:
        f = fact(3000 + r)
        acc = (acc + f % 1000000007 + (f >> 20000) % 999983) % 1000000007
        r = r + 1
    return acc

print(main(500))
# ir: print(main(50))
