# y = f(x) and y = s.m(x): the loops without hooks put a call's result
# straight into the local that the next MOVE would move it to (vm/cpu.h
# call_done), for builtins answered in the loop (len, abs, str of an int,
# ord, chr, isinstance), builtins called through builtins_call (sorted,
# max, repr), and methods (cached natives, d.get, list.pop of a local list
# and of a temporary one, which dies there). The old value of the local
# dies there: objects freed in the order the two instructions free them,
# so the next ids, refcounts and the heap at the end show any difference;
# the function or self leaves R[A] first. A call whose result goes
# elsewhere (an argument, a return, an expression) and a local assigned
# from a local stay as they were.
import sys


def locals_from_calls(n):
    l = [1, 2, 3]
    d = {"a": [7], "b": (8,)}
    s = "  text  "
    y = [0] * 5
    z = "z" * 3
    for i in range(n):
        y = len(l)
        y = abs(i - 3)
        y = str(i * 1000003)
        z = s.strip()
        z = s.upper()
        z = d.get("a")
        z = d.get("q", (i, i))
        y = sorted([3, 1, i])
        y = max(i, 2)
        y = repr(l)
        z = chr(65 + i % 26)
        y = ord(z)
        y = isinstance(z, str)
        z = "-".join([str(i), str(y)])
        y = z.split("-")
        l.append([i, z])
        y = l.pop()
        z = [y, i].pop()
    return y, z, sys.getrefcount(l), sys.getrefcount(d["a"])


def dies_on_assign():
    big = [list(range(5)) for _ in range(3)]
    keep = []
    for i in range(4):
        big = len(big) if i % 2 == 0 else [i] * 40
        keep.append(id([i, i]))
        keep.append(id((i, str(i))))
        t = (i, str(i))
        t = str(t)
        w = [i, str(i)].copy()
        w = [str(i), i].copy()
        keep.append(id([i]))
        keep.append(id([i, i, i]))
    return big, keep, t


def through_calls(xs):
    total = 0
    for x in xs:
        total += len(x)
        r = str(len(x))
    return total, r, sys.getrefcount(xs[0])


print(locals_from_calls(30))
print(dies_on_assign())
print(through_calls([[1], "ab", (1, 2, 3)]))
a = [1, 2]
b = len(a)
b = str(b)
c = a.copy()
c = c.pop()
print(a, b, c, sys.getrefcount(a))
