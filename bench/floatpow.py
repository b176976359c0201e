# bench/floatpow.py: a float sum of square roots (i ** 0.5) over a range,
# mixing ints and floats in each term.
def main(n):
    s = 0.0
    for i in range(1, n):
        s += i ** 0.5 / (i + 1.5)
    return s

print(main(17000000))
# ir: print(main(300000))
