# bench/float.py: float arithmetic (a logistic map and a running sum).
def main(n):
    x = 0.5
    r = 3.7
    acc = 0.0
    i = 0
    while i < n:
        x = r * x * (1.0 - x)
        acc = acc + x / (1.0 + x)
        i = i + 1
    return acc

print(main(8000000))
# ir: print(main(800000))
