# bench/bigstr.py: str() of big ints (digit counts of factorials, below the
# 4300-digit limit of int -> str conversion).
def main(n, rounds):
    total = 0
    for r in range(rounds):
        f = 1
        for i in range(1, n):
            f *= i
            total += len(str(f))
        total += int(str(f)[:9])
    return total

print(main(1400, 6))
# ir: print(main(300, 2))
