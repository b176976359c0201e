# bench/objects.py: many short-lived objects (tuples and lists made and dropped).
def main(n):
    acc = 0
    i = 0
    while i < n:
        t = (i, i + 1)
        l = [i, t, 3]
        u = (l, t)
        acc = acc + u[1][0] + len(l) + l[1][1]
        i = i + 1
    return acc % 1000000007

print(main(3500000))
# ir: print(main(350000))
