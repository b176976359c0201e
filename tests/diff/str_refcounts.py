# getrefcount of non-identifier string constants (not interned) and of
# strings made at run time.
import sys
s = "vm unique text q8!"
print(sys.getrefcount(s))
t = "vm unique text q8!"
print(sys.getrefcount(s), s is t)
u = s + "?"
print(sys.getrefcount(u))
v = u
print(sys.getrefcount(u))
del v
print(sys.getrefcount(u))
w = "abc def".upper()
print(sys.getrefcount(w))
parts = "a b c d".split()
print(sys.getrefcount(parts[0] + parts[1]))
lst = [s, s, u]
print(sys.getrefcount(s), sys.getrefcount(u))

def show(x):
    return sys.getrefcount(x)

print(show(s), show(u), show(s + s))

def local_const():
    z = "another text, with spaces"
    return sys.getrefcount(z)

print(local_const())
