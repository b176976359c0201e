# d[(x, y)] with tuples of small ints hashes them inline (tuplehash) and
# compares them item by item; tuples holding floats, bools, big ints, str
# or tuples take the general path. Equal keys must find one another
# across both paths, and -1's hash (-2) must not collide wrongly.
grid = {}
for x in range(-3, 40):
    for y in range(-3, 40):
        grid[(x, y)] = x * 100 + y
print(len(grid), grid[(-1, -1)], grid[(-1, -2)], grid[(0, -1)], grid[(39, 39)])
print(grid[(1.0, 2.0)], grid[(True, False)], (2 ** 62, 1) in grid, (1, 2, 3) in grid, () in grid)
d = {(): "e", (1,): "one", (-1,): "m1", (-2,): "m2", (2 ** 40, -2 ** 40): "big", ((1, 2), 3): "nest", ("a", 1): "s"}
print([d[k] for k in [(), (1,), (-1,), (-2,), (2 ** 40, -2 ** 40), ((1, 2), 3), ("a", 1)]])
print(d.get((1,)), d.get((9,)), d.get((9,), "dflt"), (1,) in d, (1,) in d.keys())
d[(1,)] = "ONE"
d[(5, 6)] = "new"
print(d[(1,)], d[(5, 6)], len(d), list(d)[-1])
total = 0
for i in range(20000):
    k = (i % 37, -(i % 11))
    grid[k] = grid.get(k, 0) + 1
    total += grid[k] % 7
print(total, len(grid))
print(grid[(100, 100)])              # KeyError: exit status 1 on both
