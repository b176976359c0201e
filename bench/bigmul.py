# bench/bigmul.py: big ints times big ints (Karatsuba sizes and below).
def main(n):
    a = 3 ** 2000
    b = 7 ** 1500
    c = 11 ** 300
    acc = 0
    for i in range(n):
        x = a * b + c * (c + i)
        acc = (acc + x % 1000003) % 1000003
        a = a + i
    return acc

print(main(50000))
# ir: print(main(500))
