# String identity: interned identifier-like constants, constants merged in
# one file, runtime strings, sys.intern, the empty and one-char singletons.
import sys
a = "hello"
b = "hello"
print(a is b)
c = "hello world"
d = "hello world"
print(c is d)
e = "hel" + "lo"
print(e is a)
part = "hel"
f = part + "lo"
print(f is a, f == a, sys.intern(f) is a)
g = "hello world"[:5]
print(g is a, g == a)
h = "".join(["hel", "lo"])
print(h is a, sys.intern(h) is sys.intern(f))
empty = ""
print(a[:0] is empty, a[3:1] is empty, str() is empty, "".join([]) is empty)
xex = "xex"
cafe = "café"
euro = "€"
print(a[1] is f[1], a[1] is xex[1], chr(101) is a[1])
print(chr(233) is chr(233), cafe[3] is chr(233), chr(255) is chr(255))
print(chr(256) is chr(256), chr(8364) is chr(8364), euro[0] is euro[0], euro[0] is euro)
print(str(5) is str(5), str(12) is str(12), str(True) is str(True))

def greet():
    return "hello"

def phrase():
    return "hello world"

print(greet() is a, phrase() is c)
k = "123abc"
m = "123" + "abc"
print(k is m)
n = "a b"
o = "a" + " b"
print(n is o)
