# getrefcount through function calls: in 3.11+ the caller's reference moves
# into the callee's frame, so a parameter adds exactly one.
import sys

def one(o):
    return sys.getrefcount(o)

def two(o):
    return one(o)

def three(o):
    inner = o
    return two(inner)

def keep(o, n):
    if n == 0:
        return sys.getrefcount(o)
    return keep(o, n - 1)

x = []
print(sys.getrefcount(x), one(x), two(x), three(x))
print(keep(x, 0), keep(x, 1), keep(x, 5), keep(x, 20))
print(sys.getrefcount(x))

def local_list():
    y = [1, 2]
    return sys.getrefcount(y)

def local_const():
    z = 98765
    return sys.getrefcount(z)

def returns(o):
    return o

print(local_list(), local_const())
r = returns(x)
print(sys.getrefcount(x), r is x)
print(one([]), one([x]), sys.getrefcount(x))

def two_params(a, b):
    return sys.getrefcount(a)

print(two_params(x, x), two_params(x, 1))
lst = [x, x]
print(one(lst[0]), sys.getrefcount(x))
