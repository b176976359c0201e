# Strings are immutable, yet `s += t` inside a function can keep id(s).
# CPython 3.11 and 3.12 extend a string in place when nothing else can see
# it change: only the local s refers to it, it was never hashed and it is
# not interned. The string's block is resized (PyObject_Realloc), which
# keeps the address while the new size still fits the block's pymalloc
# size class: 16 bytes wide on 64-bit builds, 8 on 32-bit ones. (The
# 32-bit lines follow i386's pymalloc; pyodide's wasm32 CPython is built
# --without-pymalloc and moves the string at other lengths.)
import sys


def moves_while_growing(n):
    s = "x" * 50 + "y"          # a new string that only s refers to
    moved_at = []
    for i in range(n):
        before = id(s)
        s += "."
        if id(s) != before:
            moved_at.append(len(s))
    return moved_at, sys.getsizeof(s)


moved_at, size = moves_while_growing(100)
print("s moved to a bigger block at lengths", moved_at[-3:], "- every", moved_at[-1] - moved_at[-2], "chars")
print("getsizeof(s) after 100 appends:", size)


def with_second_name():
    s = "x" * 50 + "y"
    for i in range(20):
        s += "."
    alias = s                   # now two names see the string
    before = id(s)
    s += "."
    return id(s) != before, alias is not s, len(alias), len(s)


print("with a second name, s += makes a new string:", with_second_name())


def after_hashing():
    s = "x" * 50 + "y"
    for i in range(20):
        s += "."
    seen = {s: 1}               # a dict key: its hash is now cached in s
    before = id(s)
    s += "."
    return id(s) != before


print("after s was a dict key, s += makes a new string:", after_hashing())

g = "x" * 50 + "y"
kept = 0
for i in range(20):
    before = id(g)
    g += "."                    # a global: stored by STORE_NAME, never in place
    kept += id(g) == before
print("a global kept its id", kept, "times out of 20")

parts = []
for i in range(5):
    parts.append(str(i))
print("or build it once:", "-".join(parts))


# expect: s moved to a bigger block at lengths [104, 120, 136] - every 16 chars
# expect: getsizeof(s) after 100 appends: 192
# expect: with a second name, s += makes a new string: (True, True, 71, 72)
# expect: after s was a dict key, s += makes a new string: True
# expect: a global kept its id 0 times out of 20
# expect: or build it once: 0-1-2-3-4

# expect[cpython-3.11-64bit]: s moved to a bigger block at lengths [112, 128, 144] - every 16 chars
# expect[cpython-3.11-64bit]: getsizeof(s) after 100 appends: 200
# expect[cpython-3.11-64bit]: with a second name, s += makes a new string: (True, True, 71, 72)
# expect[cpython-3.11-64bit]: after s was a dict key, s += makes a new string: True
# expect[cpython-3.11-64bit]: a global kept its id 0 times out of 20
# expect[cpython-3.11-64bit]: or build it once: 0-1-2-3-4

# expect[cpython-3.11-32bit]: s moved to a bigger block at lengths [128, 136, 144] - every 8 chars
# expect[cpython-3.11-32bit]: getsizeof(s) after 100 appends: 176
# expect[cpython-3.11-32bit]: with a second name, s += makes a new string: (True, True, 71, 72)
# expect[cpython-3.11-32bit]: after s was a dict key, s += makes a new string: True
# expect[cpython-3.11-32bit]: a global kept its id 0 times out of 20
# expect[cpython-3.11-32bit]: or build it once: 0-1-2-3-4

# expect[cpython-3.12-32bit]: s moved to a bigger block at lengths [132, 140, 148] - every 8 chars
# expect[cpython-3.12-32bit]: getsizeof(s) after 100 appends: 172
# expect[cpython-3.12-32bit]: with a second name, s += makes a new string: (True, True, 71, 72)
# expect[cpython-3.12-32bit]: after s was a dict key, s += makes a new string: True
# expect[cpython-3.12-32bit]: a global kept its id 0 times out of 20
# expect[cpython-3.12-32bit]: or build it once: 0-1-2-3-4
