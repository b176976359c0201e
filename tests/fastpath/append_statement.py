# xs.append(x) as a statement with x a local or a constant: the loops
# without hooks do the MOVE or LOADK, the CALLMETHOD and the POP of its
# None at the LOADMETHOD (vm/cpu.h append_arg). Locals and constants of
# each kind, a list appended to itself, appends that grow the item array
# past the small-block threshold, an append whose argument is computed
# (not fused), and refcounts read right after.
import sys


def collect(xs):
    out = []
    big = 10 ** 30
    for x in xs:
        out.append(x)
        out.append(7)
        out.append("k")
        out.append(None)
        out.append(big)
        out.append(x * 2)
    return out, big


def grow(n):
    acc = []
    s = "s" + str(n)
    for i in range(n):
        acc.append(s)
        acc.append(i)
    return len(acc), sys.getrefcount(s)


def selfish():
    a = [1]
    a.append(a)
    a.append(a)
    return len(a), sys.getrefcount(a)


def unbound(flag):
    out = []
    if flag:
        y = 1
    out.append(y)
    return out


out, big = collect([1, 2.5, "t", (1, 2), True])
print(len(out), out[:10], sys.getrefcount(big), sys.getrefcount(out))
print(grow(300), grow(3))
print(selfish())
print(unbound(True))
print(unbound(False))
