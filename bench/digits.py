# bench/digits.py: digit sums with divmod and tuple unpacking in a
# function with a default argument, a linear congruential generator
# whose products pass 2**60, and float powers and abs().
def digit_sum(n, base=10):
    s = 0
    while n > 0:
        n, r = divmod(n, base)
        s += r
    return s

def lcg(seed, a=1103515245, c=12345, m=2 ** 31):
    return (a * seed + c) % m

def main(n):
    count = 0
    seed = 42
    acc = 0.0
    for i in range(n):
        d = digit_sum(i)
        if 10 <= d < 20:
            count += 1
        seed = lcg(seed)
        x = seed / 2147483648.0
        acc += abs(x - 0.5) ** 1.5 - (-x) ** 2
    return count, seed, round(acc, 6)

print(main(2300000))
# ir: print(main(90000))
