# Lists are never shared: every display, copy or slice is a new object.
a = [1, 2, 3]
b = [1, 2, 3]
print(a is b, a == b, id(a) == id(b))
c = a
print(c is a, id(c) == id(a))
d = a[:]
print(d is a, d == a, list(a) is a)
e = a
e.append(4)
print(a, b, c is e)
f = a + []
print(f is a, f == a)
g = a
g += [5]
print(g is a, a)
h = a
h = h + [6]
print(h is a, a, h)
m = [[]] * 3
print(m[0] is m[1], m[1] is m[2])
n = [[] for i in range(3)]
print(n[0] is n[1])
p = [a, a]
print(p[0] is p[1], p[0] is a)
q = a[0:2]
print(q[0] is a[0], q is a[0:2])
