# bench/forloop.py: a `for` loop over range() with int arithmetic.
def main(n):
    s = 0
    for i in range(n):
        s += i * i % 11
    return s

print(main(9000000))
# ir: print(main(300000))
