# str.join of a list or tuple joins it in place (PySequence_Fast returns it
# as it is); any other iterable is made a list first. A copy of the list
# would hold a block of the result's size class on 64-bit (six items: 48
# bytes, a six-char str: 47) while the result is made.
parts = list("abcdef")
x = "".join(parts)
ix = id(x)
y = "".join(parts)
del x
z = "".join(parts)
print(id(z) == ix, z == y)
t = tuple("ghijkl")
a = "-".join(t)
ia = id(a)
b = "".join(t)
del a
c = "-".join(t)
print(id(c) == ia, c, b)
g = "+".join(s for s in parts if s != "c")
print(g, "".join([]), "".join(["only"]) is parts[0], ",".join(("q",)))
w = "only"
print("".join([w]) is w, "".join((w,)) is w)
print("".join(["a", 1]))            # TypeError: exit status 1 on both
