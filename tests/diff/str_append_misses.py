# The specializer's miss counters behind s = s + t into a local: the same
# instruction sees lists (never specialized: it backs off), big ints
# (BINARY_OP_ADD_INT: str operands are then misses, 53 of them before it
# specializes again) and strs (BINARY_OP_INPLACE_ADD_UNICODE), and keeps
# its state from call to call. "S": id(s) kept by the append.
# oracle-skip: 3.12-32 (pyodide's CPython is built --without-pymalloc: its realloc keeps dlmalloc's chunk sizes, not pymalloc's size classes, which the 32-bit profiles follow)


def f(pairs):
    out = []
    for s, t in pairs:
        for k in range(3):
            a = id(s)
            s = s + t
            out.append("S" if id(s) == a else ".")
        out.append(" ")
    return "".join(out)


big = 2 ** 70
print(f([([1], [2])] * 6 + [("x" * 20, "y")] * 5))
print(f([(big, big)] * 3 + [("x" * 20, "y")] * 30))
print(f([(big, big)] * 60 + [("x" * 20, "y")] * 24))
print(f([(big, 1)] * 2 + [("z" * 20, "w")] * 5 + [([1.5], [2.5])] * 30 + [("q" * 20, "r")] * 25))
# (not floats or small ints: the CPU loop adds those without the model
# seeing them, see op_add_inplace in vm/ops.h)
