# float constants: merged within a file, 0.0 and -0.0 kept apart.
import sys
a = 2.75
b = 2.75
print(a is b, sys.getrefcount(a))
z = 0.0
nz = -0.0
print(z is nz, z == nz)
c = a * 1.0
print(c is a, c == a, sys.getrefcount(c))
d = float("2.75")
print(d is a, sys.getrefcount(d))

def half():
    return 2.75

print(half() is a, sys.getrefcount(a))
e = 1.5 + 1.25
print(e is a, e == a)
lst = [a, a]
print(sys.getrefcount(a))
del lst
print(sys.getrefcount(a))
