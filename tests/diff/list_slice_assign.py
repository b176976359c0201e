# l[a:b] = v, l[a:b:c] = v, del l[a:b] and del l[a:b:c] as CPython's
# list_ass_slice and list_ass_subscript do them: one list_resize (getsizeof
# after), the replaced items released at the end (refcounts), v as
# PySequence_Fast takes it (list, tuple, l itself, any iterable), extended
# slices of every direction, and the ValueError of a wrong length (last).
import sys
def show(l):
    return f"{len(l)}/{sys.getsizeof(l)}"
l = list(range(10))
l[2:4] = [1, 2, 3, 4, 5, 6, 7]
print(show(l), l)
m = list(range(100))
m[10:90] = (0, 1)
print(show(m), m[8:14])
k = [1, 2, 3]
k[1:1] = range(50)
print(show(k), k[:5], k[-3:])
k[:] = "abc"
print(show(k), k)
k[5:2] = [9, 9]
print(show(k), k)
k[-100:100] = []
print(show(k), k)
k[0:0] = iter([1, 2, 3, 4, 5, 6, 7, 8, 9])
print(show(k), k)
k[2:7] = k
print(show(k), k)
k[::2] = k[::2][::-1]
print(show(k), k)
k[1::3] = "uvwxyz"[:len(k[1::3])]
print(show(k), k)
k[::-1] = list(range(len(k)))
print(show(k), k)
k[-2:1:-2] = [100, 200, 300, 400, 500, 600, 700][:len(k[-2:1:-2])]
print(show(k), k)
k[::-1] = k
print(show(k), k)
k[5:1:1] = ()
print(show(k), k)
big = list(range(1000))
for step in (2, 3, 7, -1, -3, 50):
    b = big[:]
    del b[::step]
    print(step, show(b), b[:4], sum(b))
b = big[:]
del b[100:900]
print(show(b), sum(b))
del b[:]
print(show(b), b)
b = big[:]
del b[10:5]
del b[-5::-4]
print(show(b), sum(b))
o = [1]
rc0 = sys.getrefcount(o)
r = [o] * 10
r[2:8] = [o]
r[::2] = [o] * len(r[::2])
del r[1::2]
print(show(r), sys.getrefcount(o) - rc0)
n = 200000
sieve = [True] * (n + 1)
sieve[0] = sieve[1] = False
i = 2
while i * i <= n:
    if sieve[i]:
        sieve[i * i::i] = [False] * len(range(i * i, n + 1, i))
    i += 1
print(sum(sieve), show(sieve))
z = list(range(10))
z[::2] = [1, 2, 3]
