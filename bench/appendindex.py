# bench/appendindex.py: a million appends in a for loop, then indexing and iterating.
def main(n):
    xs = []
    for i in range(n):
        xs.append(i * 3)
    t = 0
    for i in range(len(xs)):
        t += xs[i]
    for x in xs:
        t -= x // 2
    return t

print(main(4000000))
# ir: print(main(100000))
