# int keys (heap/obj_dict.c hash_int and heap_key_eq take ints of up to
# two digits without BigInts): values around the digit, the hash modulus
# (2**61 - 1 on 64-bit, 2**31 - 1 on 32-bit, where 0 and P collide) and -1
# (whose hash is -2, as -2's is).
vals = [0, 1, -1, -2, 7, 2 ** 30 - 1, 2 ** 30, -(2 ** 30), 2 ** 31 - 2, 2 ** 31 - 1, 2 ** 31,
        -(2 ** 31 - 1), 2 ** 32 + 5, 2 ** 59, 2 ** 60 - 1, -(2 ** 60 - 1), 2 ** 60, 2 ** 61 - 1,
        2 ** 61, -(2 ** 61 - 1), 2 ** 62 + 3, 10 ** 20, -(10 ** 20), True, False]
d = {}
for v in vals:
    d[v] = d.get(v, 0) + 1
    d[v * 3] = d.get(v * 3, 0) + 1
print(list(d.items()))
print(d.get(2 ** 30), d.get(2 ** 61 - 1), d.get(1.0), d.get(2.0 ** 60), 1 in d, 2 ** 31 - 1 in d)
e = {}
for i in range(2000):
    k = (i * 7919) % 1000 - 500
    e[k] = e.get(k, 0) + i
print(len(e), sum(e.values()), list(e)[:10], e[-500], e.get(499), e.get(500))
