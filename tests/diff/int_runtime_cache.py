# The small-int cache (-5..256) for results computed at run time.
x = 250
y = 256
print(x + 6 is y, x + 7 == 257)
big = 257
print(x + 7 is big)
print(int("256") is int("256"), int("257") is int("257"))
print(int("-5") is int("-5"), int("-6") is int("-6"))
z = 0
print(z - 5 is int("-5"), z - 6 is int("-6"))
cached = 0
for i in range(-10, 300):
    if int(str(i)) is int(str(i)):
        cached = cached + 1
print("cached:", cached)
lo = 1000
hi = -1000
for i in range(-10, 300):
    if int(str(i)) is int(str(i)):
        lo = min(lo, i)
        hi = max(hi, i)
print(lo, hi)
a = 100
b = 100
print(a * 2 is b + b, a * 3 is b + b + b)
print(len([1, 2, 3]) is 1 + 2 + x - x)
s = "12"
k240 = 240
print(int(s) * 20 is k240, int(s) * 30 is int("360"))
