# tests/diff/list_setitem_paths.py: l[i] = v, which the loops without hooks
# store inline for a list and a small int index in range (vm/cpu.h
# list_slot_fast); negative indexes, bools, out-of-range indexes and other
# containers take op_setitem. The old item is released after the store.
# (No try/except in the subset: the out-of-range store ends the program.)
import sys


def main():
    x = 5
    xs = [0] * 6
    for i in range(6):
        xs[i] = i * 10
    xs[-1] = 99
    xs[-6] = -1
    xs[True] = 7
    print(xs)
    # the old item dies at the store; the next int takes its block
    old = x + 1000
    iold = id(old)
    xs[2] = old
    del old
    xs[2] = x + 2000
    fresh = x + 3000
    print("reuse:", id(fresh) == iold)
    v = x + 4000
    before = sys.getrefcount(v)
    for i in range(len(xs)):
        xs[i] = v
    print("refs:", sys.getrefcount(v) - before)
    xs[0] = xs
    print(len(xs[0][0]), xs[1] is v)
    d = {}
    d[1] = 2
    print(d)
    xs[-7] = 1      # IndexError: the program ends here with exit status 1


main()
