# bench/floatrange.py: float arithmetic in a for loop over range (the
# index unused), each step two multiplications and two additions.
def main(n):
    x = 0.0
    y = 1.0
    for i in range(n):
        x = x + y * 0.5
        y = y * 0.999999 + 0.000001
    return x

print(main(35000000))
# ir: print(main(500000))
