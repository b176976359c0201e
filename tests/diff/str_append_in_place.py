# s += t and s = s + t into a local: CPython's BINARY_OP_INPLACE_ADD_UNICODE
# extends s in place (PyUnicode_Append, resize_compact, PyObject_Realloc)
# when nothing else holds s, s was never hashed or interned, and t is no
# wider. "S": id(s) kept; ".": a new string. 3.11 specializes only once
# the code is quickened (8 calls or JUMP_BACKWARDs: for-loop back edges,
# continue, while True; not a while loop's conditional back edge); 3.12 on
# the instruction's second run.
# oracle-skip: 3.12-32 (pyodide's CPython is built --without-pymalloc: its realloc keeps dlmalloc's chunk sizes, not pymalloc's size classes, which the 32-bit profiles follow)


def grow(s, t, n):
    out = []
    for i in range(n):
        a = id(s)
        s += t
        out.append("S" if id(s) == a else ".")
    return "".join(out)


def grow_plus(s, t, n):
    out = []
    i = 0
    while True:
        a = id(s)
        s = s + t
        out.append("S" if id(s) == a else ".")
        i += 1
        if i == n:
            return "".join(out)


def grow_while(s, t, n):
    out = []
    i = 0
    while i < n:
        a = id(s)
        s += t
        out.append("S" if id(s) == a else ".")
        i += 1
    return "".join(out)


def grow_continue(s, t, n):
    out = []
    i = 0
    while i < n:
        i += 1
        if i % 2:
            continue
        a = id(s)
        s += t
        out.append("S" if id(s) == a else ".")
    return "".join(out)


def grow_comprehension(s, t, n):
    marks = ""
    for i in range(n):
        a = id(s)
        s += t
        squares = [k * k for k in range(5) if k != i]   # its loop is not the function's
        marks += "S" if id(s) == a else "."
    return marks + str(len(squares))


base = "x" * 3
print(grow(base * 7, "b", 40))
print(grow(base * 7, "b", 40))
print(grow_plus(base * 7, "cd", 30))
print(grow_while(base * 7, "b", 20))
print(grow_while(base * 7, "b", 20))
print(grow_continue(base * 7, "b", 40))
print(grow_comprehension(base * 7, "b", 20))

# the kinds: latin-1 and wider strings grow in place with narrower text;
# ASCII + latin-1 always makes a new string
print(grow("é" * 10, "b", 30))
print(grow("é" * 10, "ü", 30))
print(grow("€" * 10, "ab", 30))
print(grow("😀" * 5, "x", 30))
print(grow(base * 7, "é", 10))
print(grow("€" * 10, "😀", 10))


def shared(n):
    s = base * 7
    out = []
    keep = None
    for i in range(n):
        a = id(s)
        s += "b"
        out.append("S" if id(s) == a else ".")
        if i == 12:
            keep = s            # a second reference: the next append copies
        if i == 16:
            keep = None
    return "".join(out) + str(keep)


def hashed(n):
    s = base * 7
    out = []
    seen = {}
    for i in range(n):
        a = id(s)
        s += "b"
        out.append("S" if id(s) == a else ".")
        if i == 12:
            seen[s] = 1         # hashed: never resized in place again
    return "".join(out) + str(len(seen))


def self_append(n):
    s = base * 7
    out = []
    for i in range(n):
        a = id(s)
        s += s[:1]
        b = id(s)
        s += s                  # right is left: a new string
        out.append(("S" if b == a else ".") + ("S" if id(s) == b else "."))
    return " ".join(out) + " " + str(len(s))


def param(s):
    s += "!"                    # the caller still holds s
    return s


def from_empty(n):
    s = ""
    t = "abc" * n
    s += t                      # "" + t is t itself
    return s is t


print(shared(24))
print(hashed(24))
print(self_append(5))
caller = base * 7 + "?"
for i in range(12):
    r = param(caller)
print(r, r is caller, len(caller))
print(from_empty(3), from_empty(3))

# at module level the result is stored by STORE_NAME: never in place
m = base * 7
ids = []
for i in range(20):
    a = id(m)
    m += "b"
    ids.append("S" if id(m) == a else ".")
print("".join(ids))


# what is freed when the left operand cannot grow: PyUnicode_Append frees
# left before the instruction frees right (the general BINARY_OP frees
# right, then STORE_FAST frees left). "L": the next block handed out is
# left's (freed last).
def free_order(n):
    out = []
    h = {}
    for i in range(n):
        s = str(i + 10000)
        s in h                  # hashed: the append cannot resize it
        sid = id(s)
        s += str(i + 20000)
        probe = str(i + 30000)
        out.append("L" if id(probe) == sid else "o")
    return "".join(out)


print(free_order(20))


# large strings (over 512 bytes) go through the system malloc: contents
def big(n):
    s = "start:"
    for i in range(n):
        s += str(i % 10)
        s += "é" if i % 1000 == 999 else ""
    return s


b = big(5000)
print(len(b), b[:12], b[990:1010], b[-12:], b.count("é"), b == big(5000))
t = "a" * 600
u = t
t += "b" * 300
print(len(t), len(u), t[595:605], u is t)
