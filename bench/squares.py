# bench/squares.py: lists of a million ints by comprehension, then walked
# by for loops with % and a running sum.
def main(rounds):
    xs = [i for i in range(1000000)]
    ys = [x * x for x in xs]
    s = 0
    for k in range(rounds):
        for x in ys:
            s += x % 7
    return s, len(ys), ys[999999]

print(main(45))
# ir: print(main(1))
