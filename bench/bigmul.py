# bench/bigmul.py: big ints times big ints (Karatsuba sizes and below) and
# powers (squarings, of mostly zero digits for powers of two).
def main(n):
    a = 3 ** 2000
    b = 7 ** 1500
    c = 11 ** 300
    acc = 0
    for i in range(n):
        x = a * b + c * (c + i)
        acc = (acc + x % 1000003) % 1000003
        a = a + i
        if i % 20 == 0:
            acc = (acc + 2 ** (20000 + i % 1000) % 999983 + (i + 3) ** 200 % 1000) % 1000003
    return acc

print(main(40000))
# ir: print(main(400))
