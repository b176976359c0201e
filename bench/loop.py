# bench/loop.py: a tight integer while loop (small ints, compare, branch).
def main(n):
    i = 0
    s = 0
    while i < n:
        s = s + i % 7
        i = i + 1
    return s

print(main(14000000))
# ir: print(main(1400000))
