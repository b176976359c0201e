# The dict keys free list: a dict's smallest unicode keys table (PyDict_MINSIZE
# slots) goes onto a free list when the dict dies, and a new small dict takes
# its table from there before asking pymalloc. CPython's start-up leaves
# some tables on that list (profile dict.keys_freelist_at_start: 7 on 3.11,
# 5 on 3.12), so a script's first small dicts do not take pymalloc blocks.
# A str of exactly the table's size shows which block each table came from.
# oracle-skip: 3.12-32 (pyodide's CPython is built --without-pymalloc: its blocks are dlmalloc's, not pymalloc's size classes, which the 32-bit profiles follow)
import sys


def main(c):
    # sizes: the table is what a one-key dict adds to an empty one
    table = sys.getsizeof({"k": 1}) - sys.getsizeof({})
    n = table - sys.getsizeof("")
    # a str kept alive in the same size class: freeing x must not empty
    # its pool (CPython's start-up objects keep theirs in use; tracevm's
    # pools start empty)
    keep = c * n
    x = c * n
    ix = id(x)
    del x
    y = c * n
    print("a freed str's block is reused:", id(y) == ix)
    del y
    # dicts kept alive: those whose table came from the free list leave
    # the str's block free; the first that asks pymalloc takes it
    ds = []
    first = None
    for i in range(12):
        ds.append({"a": 1, "b": 2})
        z = c * n
        if id(z) != ix and first is None:
            first = i
        del z
    print("first dict whose table took the block:", first)
    # a dead small dict's table goes back onto the list, not to pymalloc
    del ds
    w = c * n
    iw = id(w)
    del w
    d = {"c": 3}
    v = c * n
    print("a dict after the list refilled leaves the block:", id(v) == iw)
    del d, v
    # a table that grew past PyDict_MINSIZE is not kept: its size differs
    g = {}
    for k in "abcdefghij":
        g[k] = k
    print(len(g), sys.getsizeof(g) - sys.getsizeof({}) > table)


main("q")
