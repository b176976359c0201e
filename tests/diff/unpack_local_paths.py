# tests/diff/unpack_local_paths.py: a, b = t for a local t. The loops
# without hooks run the MOVE into a temporary, the UNPACK and the MOVEs
# into the locals as one (vm/cpu_fuse.h unpack_local) for a tuple or list
# of the right length; everything else takes the instructions one by one.
# Both must leave CPython's refcounts, ids and values.
import sys


def main():
    x = 7
    t = (x + 1000, x + 2000)
    l = [x + 3000, x + 4000, x + 5000]
    s = 0
    for i in range(300):
        a, b = t
        p, q, r = l
        s += a + b + p + q + r
        t = (b, a + i)              # the old tuple dies at the store
    print(s, t, sys.getrefcount(t), sys.getrefcount(l), sys.getrefcount(a), sys.getrefcount(p))

    # the unpacked local among the targets: its tuple dies at the first
    # store, after the items were taken
    u = (x + 6000, x + 7000)
    u, w = u
    print(u, w, sys.getrefcount(u), sys.getrefcount(w))
    v = [x + 8000, [x, x]]
    k, v = v
    print(k, v, sys.getrefcount(v))

    # the items are the sequence's own objects; old values of the targets
    # go as each is stored (a dies here: nothing else holds it)
    t2 = (x + 9000, x + 9001)
    a, b = t2
    print(a is t2[0], b is t2[1], sys.getrefcount(t2[0]), sys.getrefcount(t2))
    m = [x + 10000, x + 10001, x + 10002, x + 10003]
    a, b, c, d = m
    m[0] = 0
    print(a, d, sys.getrefcount(a), sys.getrefcount(m))

    # ids: a dead old value's block is the next new int's
    e = x + 20000
    ie = id(e)
    e, f = t2
    g = x + 30000
    print(id(g) == ie)

    # other shapes: a str, a range, a dict, five items, nested targets
    a, b = "xy"
    c, d = range(2)
    e, f = {"k": 1, "j": 2}
    n1, n2, n3, n4, n5 = (1, 2, 3, 4, 5)
    (g, h), z = ((1, 2), 3)
    print(a, b, c, d, e, f, n5, g, h, z)
    for i in range(3):
        pair = (i, [i])
        j, lst = pair
        print(j, lst, sys.getrefcount(lst))


main()
