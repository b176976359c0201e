# bench/list.py: build a list of a million ints, then index it.
def build(n):
    xs = []
    i = 0
    while i < n:
        xs.append(i * 3)
        i = i + 1
    return xs

def walk(xs, rounds):
    n = len(xs)
    s = 0
    r = 0
    while r < rounds:
        i = 0
        while i < n:
            s = s + xs[i]
            i = i + 2
        r = r + 1
    return s % 1000000007

print(walk(build(1000000), 22))
# ir: print(walk(build(100000), 22))
