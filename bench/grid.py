# bench/grid.py: a 2-D grid as a list of lists, each cell replaced by the
# sum of its four neighbours (g[y-1][x] + ...) for a number of rounds, the
# new grid framed by list concatenation.
# pgo: skip (measured, not trained on: see bench/README.md)
def main(w, h, rounds):
    g = [[(x * 7 + y * 3) % 10 for x in range(w)] for y in range(h)]
    for r in range(rounds):
        ng = []
        for y in range(1, h - 1):
            row = []
            for x in range(1, w - 1):
                s = g[y-1][x] + g[y+1][x] + g[y][x-1] + g[y][x+1]
                row.append(s % 10)
            ng.append(row)
        g = [[0] * w] + [[0] + row + [0] for row in ng] + [[0] * w]
    return sum(sum(row) for row in g)

print(main(300, 300, 50))
# ir: print(main(100, 100, 10))
