# pow(b, e, m): a modulus of at most 2**32 in magnitude is computed in 64
# bits, anything wider with big ints; both give the remainder with the
# modulus's sign, 1 % m for e == 0, and the errors CPython raises.
vals = [0, 1, 2, 3, -1, -2, 7, -7, 255, 256, 257, 1009, -1009, 2 ** 31 - 1, 2 ** 32, -2 ** 32,
        2 ** 32 + 1, 2 ** 62, -2 ** 63, 10 ** 9 + 7, 10 ** 20 + 39]
exps = [0, 1, 2, 3, 10, 63, 64, 1000, 10 ** 18, 2 ** 70]
mods = [1, -1, 2, -2, 3, 97, -97, 1009, 10 ** 9 + 7, 2 ** 32 - 1, 2 ** 32, -2 ** 32, 2 ** 32 + 1, 2 ** 61 - 1, 10 ** 30]
acc = 0
for b in vals:
    for e in exps:
        for m in mods:
            acc = (acc * 31 + pow(b, e, m)) % (2 ** 89 - 1)
print(acc)
print(pow(3, 4, 5), pow(-3, 3, 7), pow(3, 3, -7), pow(0, 0, 5), pow(5, 0, 1), pow(True, 5, 3), pow(2, 10, True + 2))
print(pow(2, 5, 0))                  # ValueError: exit status 1 on both
