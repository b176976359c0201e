# 'is' asks "the same object?", '==' asks "equal values?".
import sys

a = 256
b = 256
print("256 is 256:", a is b)
x = 250
print("250 + 6 is 256 (small-int cache, -5..256):", x + 6 is a)
big = 257
print("250 + 7 is 257 (not cached):", x + 7 is big, " but ==:", x + 7 == big)
minus5 = -5
minus6 = -6
print("int('-5') is -5:", int("-5") is minus5, "  int('-6') is -6:", int("-6") is minus6)

c = 1000
d = 1000
print("two 1000 constants in one file are one object:", c is d)
e = 999 + 1
print("999 + 1 is folded by the compiler:", e is c)
n = 999
print("n + 1 at run time is a new object:", n + 1 is c, " ==:", n + 1 == c)

def thousand():
    return 1000

print("a function's 1000 is the module's 1000:", thousand() is c)

s1 = "hello"
s2 = "hello"
print("'hello' is 'hello':", s1 is s2)
s3 = "hel" + "lo"
print("'hel' + 'lo' folded:", s3 is s1)
part = "hel"
s4 = part + "lo"
print("built at run time:", s4 is s1, " ==:", s4 == s1)
print("sys.intern gives the shared one:", sys.intern(s4) is s1)
t1 = "hello world"
t2 = "hello world"
print("'hello world' twice in one file:", t1 is t2)
empty = ""
print("empty slices are the empty string:", s1[:0] is empty, " one-char slices are shared:", s1[1] is s4[1])

l1 = [1, 2]
l2 = [1, 2]
print("[1, 2] is [1, 2]:", l1 is l2, " ==:", l1 == l2)
l3 = l1
print("an alias is the same list:", l3 is l1, id(l3) == id(l1))
e1 = ()
e2 = tuple([])
print("() is tuple([]):", e1 is e2)
print("None is None:", None is None, " bool(1) is bool(2):", bool(1) is bool(2))
one = 1.0
half = 0.5
print("0.5 + 0.5 is 1.0:", half + half is one, " == 1.0:", half + half == one, " 1.0 == 1:", one == 1)

# expect: 256 is 256: True
# expect: 250 + 6 is 256 (small-int cache, -5..256): True
# expect: 250 + 7 is 257 (not cached): False  but ==: True
# expect: int('-5') is -5: True   int('-6') is -6: False
# expect: two 1000 constants in one file are one object: True
# expect: 999 + 1 is folded by the compiler: True
# expect: n + 1 at run time is a new object: False  ==: True
# expect: a function's 1000 is the module's 1000: True
# expect: 'hello' is 'hello': True
# expect: 'hel' + 'lo' folded: True
# expect: built at run time: False  ==: True
# expect: sys.intern gives the shared one: True
# expect: 'hello world' twice in one file: True
# expect: empty slices are the empty string: True  one-char slices are shared: True
# expect: [1, 2] is [1, 2]: False  ==: True
# expect: an alias is the same list: True True
# expect: () is tuple([]): True
# expect: None is None: True  bool(1) is bool(2): True
# expect: 0.5 + 0.5 is 1.0: False  == 1.0: True  1.0 == 1: True
