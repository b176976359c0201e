# Equal constants share one object across the whole file, nested
# functions included; folding happens before merging.
n = 1000

def ret_int():
    return 1000

def ret_folded():
    return 10 ** 3

def ret_float():
    return 2.5

def ret_text():
    return "some text, not an identifier"

def ret_tuple():
    return (1, 2, "three")

def ret_neg():
    return -1000

folded = 999 + 1
print(ret_int() is n, ret_folded() is n, folded is ret_int())
f = 2.5
f2 = 5 / 2
f3 = 1.25 * 2
print(ret_float() is f, f2 is f, f3 is f)
s = "some text, not an identifier"
s2 = "some text, " + "not an identifier"
print(ret_text() is s, s2 is s)
t = (1, 2, "three")
t2 = (1, 2) + ("three",)
print(ret_tuple() is t, t2 is t)
m = -1000
m2 = 0 - 1000
print(ret_neg() is m, -n is m, m2 is m)
z = 0.0
nz = -0.0
z2 = 0.0 * 1
nz2 = -0.0
print(z is nz, z2 is z, nz2 is nz)
big = 2 ** 100
big2 = 1267650600228229401496703205376
print(big is big2, big == big2)
one = 1.0
onei = 1
print(one is onei, one == onei)
