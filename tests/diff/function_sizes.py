# getsizeof of def'd functions (3.12 adds one pointer) and their refcounts.
import sys

def f():
    return 1

def g(a, b):
    return a + b

def h(x):
    total = 0
    for i in range(x):
        total = total + i
    return total

print(sys.getsizeof(f), sys.getsizeof(g), sys.getsizeof(h))
print(sys.getrefcount(f), sys.getrefcount(g))
fs = [f, g, h, f]
print(sys.getrefcount(f), sys.getrefcount(g))
alias = f
print(sys.getrefcount(f), alias is f, alias() == f())
fs = None
del alias
print(sys.getrefcount(f))
print(g(2, 3), h(10), type(f) is type(g))

def apply(fn, v):
    return fn(v)

print(apply(h, 5), sys.getrefcount(h))
print(sys.getsizeof(print), sys.getsizeof(len) == sys.getsizeof(print))
