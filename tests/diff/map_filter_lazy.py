# map() and filter() are lazy, as CPython's: their own types and sizes,
# f called as each item is asked for (after the items before it are
# used), a program's function as f, several iterables, the shortest
# ending first, and filter(None / bool, ...).
import sys
def sq(x):
    print("sq", x)
    return x * x
m = map(sq, [1, 2, 3])
print(type(m), sys.getsizeof(m), sys.getsizeof(filter(None, [])))
print("made")
for v in m:
    print("got", v)
def add(a, b):
    return a + b
print(list(map(add, [1, 2, 3], (10, 20))), list(map(str, range(4))))
print(list(filter(None, [0, 1, "", "a", [], [0]])), list(filter(bool, (0, 2, 0, 3))))
def odd(x):
    return x % 2
print(list(filter(odd, range(10))), "".join(map(str, filter(odd, [1, 2, 3]))))
it = iter([5, 6, 7])
m2 = map(str, it)
print(next(m2), next(it), list(m2))
a, b = map(int, ["4", "5"])
print(a + b, sum(map(len, ["ab", "c"])), max(map(abs, [-3, 2])), sorted(map(sq, [3, 1])))
f = filter(odd, [1, 2, 3])
print(next(f), next(f), next(f, "end"))
print(list(map(int, "123")), [x for x in map(sq, (2,))])
bad = map(5, [1])
print("made bad")
print(list(bad))
