# tests/diff/dict_display_paths.py: dict displays {k: v, ..}. Those of one
# to five pairs whose keys are str with distinct hashes are built in place
# by the loops without hooks (heap/dict_lookup.h dict_build_str); the rest
# (equal keys, other key types, more pairs) by dict_set. Both must give
# CPython's dicts: order, sizes, which key object is kept, refcounts, ids.
import sys


def show(d):
    # sizes beyond an empty dict's: pyodide's wasm32 dict object is 4 bytes
    # larger than i386's, which the 32-bit profiles follow
    print(len(d), sys.getsizeof(d) - sys.getsizeof({}), list(d.items()), [d[k] for k in d])


def main():
    x = 7
    # a dict that dies frees its values in order; the next ints reuse them
    # (first: later, CPython's pools hold its start-up objects)
    a = x + 3000
    b = x + 4000
    ia, ib = id(a), id(b)
    d = {"a": a, "b": b}
    del a, b
    del d
    n1 = x + 5000
    n2 = x + 6000
    print("reuse:", id(n1) == ib, id(n2) == ia)
    show({"a": 1})
    show({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5})
    show({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6})
    show({"a": 1, "a": 2})
    show({"a": 1, "b": 2, "a": 3})
    show({"a": 1, 2: "b"})
    show({1: "a", "b": 2})
    show({(1, 2): x, "t": x + 1})
    k1 = "ab"
    k2 = "".join(["a", "b"])
    d = {k1: 1, k2: 2}
    show(d)
    print("first key kept:", list(d)[0] is k1, list(d)[0] is k2)
    k = "local" + str(x)
    before = sys.getrefcount(k)
    d = {k: x + 1000}
    print("key refs:", sys.getrefcount(k) - before)
    v = x + 2000
    before = sys.getrefcount(v)
    e = {"v": v, "w": v}
    print("value refs:", sys.getrefcount(v) - before)
    del d, e
    print("after del:", sys.getrefcount(k) - before, sys.getrefcount(v) - before)
    # int keys: the loops without hooks store them as dict_store does;
    # past five pairs the table is presized (_PyDict_FromItems), of str
    # keys only when every key is a str, so a display whose equal keys
    # collapse keeps the presized table
    show({1: 2, 3: 4})
    show({x: 1, x + 1: 2, "s": 3})
    show({"s": 1, x: 2})
    show({-1: 1, -2: 2, 0: 3})
    show({2 ** 61 - 1: 1, 2 ** 61: 2, -(2 ** 62): 3, 2 ** 100: 4})
    show({True: 1, 1: 2, 1.0: 3, 0: 4, False: 5})
    show({x: 1, x: 2, x: 3, x: 4, x: 5, x: 6})
    show({"a": 1, "a": 2, "a": 3, "a": 4, "a": 5, "a": 6})
    show({1: 1, "a": 1, 1: 2, 1: 3, 1: 4, 1: 5, 1: 6, 1: 7})
    show({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6, 7: 7})
    show({(1, 2): 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10, 11: 11})
    # nested displays
    nest = {"p": {"q": {"r": x}}, "s": [x, {"u": x}]}
    print(nest["p"]["q"]["r"], nest["s"][1]["u"], sys.getsizeof(nest["p"]) - sys.getsizeof({}))
    # made and dropped in a loop: the dict and its keys come back from
    # the free lists and the allocator at the same ids each time
    ids = []
    t = 0
    for i in range(50):
        r = {"x": i, "y": i + 1000}
        t += r["x"] + r["y"]
        if id(r) not in ids:
            ids.append(id(r))
    print(t, len(ids))
    ids = []
    for i in range(50):
        r = {i: i, i + 1000: x}
        t += len(r) + r[i]
        if id(r) not in ids:
            ids.append(id(r))
    print(t, len(ids))


main()
