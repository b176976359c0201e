# getrefcount of lists as names, containers and calls come and go.
import sys
x = []
print(sys.getrefcount(x))
y = x
print(sys.getrefcount(x))
c = [x, x]
print(sys.getrefcount(x))
t = (x, x, x)
print(sys.getrefcount(x))
d = {"k": x, "j": x}
print(sys.getrefcount(x))
del y
print(sys.getrefcount(x))
c = None
print(sys.getrefcount(x))
t = ()
d = {}
print(sys.getrefcount(x))
print(sys.getrefcount([]), sys.getrefcount([x]), sys.getrefcount(x))
x.append(x)
print(sys.getrefcount(x))
x.pop()
print(sys.getrefcount(x))
m = [x]
n = [m]
print(sys.getrefcount(x), sys.getrefcount(m), sys.getrefcount(n))
m = None
print(sys.getrefcount(x), sys.getrefcount(n))
n = None
print(sys.getrefcount(x))
for i in range(3):
    c = [x] * i
    print(i, sys.getrefcount(x))
