# l[i] and t[i] with an int index in range: the loops without hooks do
# them in GETITEM itself (vm/cpu.h), anything else through getitem_fast or
# op_getitem. Lists and tuples, indexes from the front and from the end,
# the first and last items, bool indexes (the general path), a container
# or an index that is a temporary (released after the item is taken: a
# display indexed at once dies there), ids and refcounts read right
# after, and an index out of range at the end (IndexError, the run's
# error).
import sys


def walk(xs, t):
    s = 0
    n = len(xs)
    for i in range(n):
        s = s + xs[i] + xs[-1 - i] + t[i % 3] + t[-(i % 3) - 1]
    return s


def edges(xs, t):
    out = []
    out.append(xs[0])
    out.append(xs[len(xs) - 1])
    out.append(xs[-len(xs)])
    out.append(t[0])
    out.append(t[-3])
    out.append(xs[True])
    out.append(t[False])
    return out


def temporaries(a, b):
    big = "s" + str(a)
    first = [big, b][0]                 # the list dies after the item is taken
    second = (b, big)[1]
    nested = [[a, big], [b]][0][1]
    return first is big, second is big, nested is big, sys.getrefcount(big)


def shared(xs):
    item = xs[1]
    return id(item) == id(xs[1]), sys.getrefcount(item), sys.getrefcount(xs)


xs = [i * 7 for i in range(40)]
t = (100, 200, 300)
print(walk(xs, t))
print(edges(xs, t))
print(temporaries(5, 6))
words = ["w" + str(i) for i in range(5)]
print(shared(words))
grid = [[x + 10 * y for x in range(4)] for y in range(3)]
print(sum(grid[y][x] + grid[y - 1][x - 1] for y in range(3) for x in range(4)))
print(t[-4])
