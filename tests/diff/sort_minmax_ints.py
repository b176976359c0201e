# list.sort over ints of up to two digits compares their values directly
# (vm/lib_coll.c SortItem.iv); min/max read a list or tuple in place. The
# order must stay stable, and min/max must return the first extreme item.
a = [(i * 7919) % 1000 - 500 for i in range(300)]
b = list(a)
b.sort()
print(b[:12], b[-5:], sum(b[i] <= b[i + 1] for i in range(len(b) - 1)))
big = [10 ** 20, -(10 ** 20), 2 ** 60, -(2 ** 60), 2 ** 59, 3, True, False, -1, 2 ** 30]
big.sort()
print(big)
mixed = [3, 1.5, True, -2, 2.0, 0, False, 1]
mixed.sort()
print(mixed, [type(x) is float for x in mixed], [x is True for x in mixed])
r = [5, 3, 5, 1, 3]
r.sort(reverse=True)
print(r)
# stability: equal values that are different objects keep their order
x1 = 1000 + len(a)
x2 = 1300
x3 = 1000 + len(a)
s = [x3, 5, x1, x2, x1]
s.sort()
print(s[2] is x2, s[1] is x3 or s[1] is x1, [v is x3 for v in s])
t = [2000 + i % 3 for i in range(9)]
ids = [id(v) for v in t]
t2 = sorted(t)
print([ids.index(id(v)) for v in t2])
def neg(v):
    return -v
def mod7(v):
    return v % 7
print(sorted([3, 1, 2], key=neg), sorted(["b", "a", "c"]))
m1 = 7000 + len(a)
m2 = 7000 + len(a)
lst = [m1, 3, m2, -4, m2]
print(max(lst) is m1, min(lst), max(tuple(lst)) is m1, min([2.5, 1, True]), max([1, 1.0]), max([]  or [0]))
print(max(a), min(a), max(a, key=mod7), min((4, 2, 9)), max(3, 8, 1))
print(max(range(5)), min("hello"), max([2, 9, 9], key=neg), min({5: 1, 2: 0, 8: 3}), max((), default=-1))
