# l + m, t + u, l * n and n * t in a loop: the new list or tuple comes
# from the free list the last one went back to, items gain
# one reference per copy, an empty side hands back the other tuple, a
# tuple times 1 is itself, times 0 the empty tuple; sizes as CPython's
# list_concat / list_repeat / tuple_repeat allocate them.
import sys
m = [1, 2, 300 + len("ab")]
t = (m, "x", 4.5)
e = ()
for i in range(6):
    a = m + m
    b = t + t
    c = [i] * 3
    d = 3 * t
    f = m * 0
    g = t * 1
    h = e + t
    k = (i,) * 2
    print(len(a), len(b), c, sys.getsizeof(a), sys.getsizeof(b), sys.getsizeof(c), sys.getsizeof(d),
          f, g is t, h is t, k, sys.getrefcount(m), sys.getrefcount(t), sys.getrefcount(m[2]))
big = [0] * 100
print(sys.getsizeof(big), sys.getsizeof([7] * 64), sys.getsizeof((7,) * 65), sys.getsizeof(m * 21), sys.getsizeof(m * 22))
print(sys.getsizeof([] + []), sys.getsizeof(m + []), sys.getsizeof(() + ()), [] * 5, () * 5, m * -2, (1, 2) * -1)
s = 0
for i in range(2000):
    r = [i, i + 1] + [i * 2]
    q = (r, i) * 2
    s += len(r + r) + q[2][1] + len([q] * 5)
print(s, sys.getrefcount(r))
