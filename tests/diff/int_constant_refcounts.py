# getrefcount of int constants in a script: co_consts + the parsed AST +
# the name + the argument; runtime ints have no constant holding them.
import sys
n = 123456
print(sys.getrefcount(n))
a = 123457
b = 123457
print(sys.getrefcount(a), a is b)
m = -1000
print(sys.getrefcount(m))
p = 10 ** 6
print(sys.getrefcount(p))
r = int("123458")
print(sys.getrefcount(r))
q = r + 1
print(sys.getrefcount(q))
big = 2 ** 100
print(sys.getrefcount(big))
print(sys.getrefcount(2 ** 101 + 1))
c = n
d = n
print(sys.getrefcount(n))
del c
print(sys.getrefcount(n))
lst = [n, n, n]
print(sys.getrefcount(n))
lst = None
print(sys.getrefcount(n))

def f():
    x = 123459
    return sys.getrefcount(x)

def g():
    return sys.getrefcount(123456)

print(f(), g(), sys.getrefcount(n))
