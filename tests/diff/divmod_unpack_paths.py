# divmod() of small ints (made in the CPU loops: quotient, remainder, then
# the tuple) and the unpacking of a tuple that dies there (its items move
# into the registers): values, ids, refcounts and the free lists after.
import sys
def digit_sum(n, base=10):
    s = 0
    while n > 0:
        n, r = divmod(n, base)
        s += r
    return s
def pair(i):
    return i * 1000, (i, -i)
out = []
for x in [0, 7, -7, 13, -13, 2 ** 30, -(2 ** 30) - 5, 2 ** 59 + 3, -(2 ** 60)]:
    for y in [1, -1, 3, -3, 10, 2 ** 31, -(2 ** 40)]:
        q, r = divmod(x, y)
        out.append(f"{q},{r}")
print(" ".join(out))
print(sum(digit_sum(i) for i in range(5000)), digit_sum(10 ** 40 + 12345))
acc = 0
for i in range(3000):
    a, (b, c) = pair(i)
    t = divmod(a, 7)
    q, r = t
    acc += a - b + c + q + r + len(t)
print(acc)
x = 123456789
t = divmod(x, 1000)
print(t, sys.getrefcount(t[0]) - sys.getrefcount(t[1]), type(t).__name__ if False else len(t))
q, r = divmod(x, 1000)
u = (q, r)
print(id(u) == id(t), q is t[0], r == t[1])
a, b = divmod(7.5, 2)
print(a, b, divmod(-7, 2.0), divmod(True, 2))
print(divmod(1, 0))                 # ZeroDivisionError: exit status 1 on both
