# del and rebinding release references; a count never includes dead names.
import sys
a = [1, 2, 3]
b = a
c = a
print(sys.getrefcount(a))
del b
print(sys.getrefcount(a))
c = [4]
print(sys.getrefcount(a), sys.getrefcount(c))
d = a
a = None
print(sys.getrefcount(d))
holder = [d, d, d]
print(sys.getrefcount(d))
del holder[0]
print(sys.getrefcount(d))
del holder[:]
print(sys.getrefcount(d), holder)
n = 555555
m = n
print(sys.getrefcount(n))
del m
print(sys.getrefcount(n))
n = 555556
print(sys.getrefcount(n))
s = "some text here"
t = s
del s
print(sys.getrefcount(t))
for i in range(3):
    tmp = [d]
print(sys.getrefcount(d))
del tmp
print(sys.getrefcount(d))
e = f = g = d
print(sys.getrefcount(d))
del e, f, g
print(sys.getrefcount(d))
