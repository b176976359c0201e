# hex(), oct(), bin() of a C integer and int(s, base) of short ASCII text
# with a sign, the base's own prefix and digits only take fast paths;
# big values, underscores, spaces, other prefixes and base 0 take the
# general one, errors included.
vals = [0, 1, -1, 7, 8, 255, -256, 2 ** 31, -2 ** 31, 2 ** 62, 2 ** 63 - 1, -2 ** 63, 2 ** 63, -2 ** 64, 10 ** 30, True, False]
for v in vals:
    print(hex(v), oct(v), bin(v) if abs(v) < 2 ** 70 else "")
texts = [("ff", 16), ("FF", 16), ("0xff", 16), ("0XfF", 16), ("-0x10", 16), ("+7f", 16), ("0b1", 16), ("777", 8),
         ("0o17", 8), ("101", 2), ("0b101", 2), ("-0B11", 2), ("z", 36), ("ZZ", 36), ("10", 3), ("7fffffffffffffff", 16),
         ("8000000000000000", 16), ("-8000000000000000", 16), ("1" * 63, 2), ("1" * 64, 2), (" ff ", 16), ("f_f", 16),
         ("0x10", 0), ("010", 8), ("0", 2), ("00", 16)]
for t, b in texts:
    print(t, b, int(t, b))
total = 0
for i in range(3000):
    total += int(hex(i), 16) + int(bin(i)[2:], 2) + int(oct(i), 8) + len(hex(-i))
print(total)
print(int("fg", 16))                # ValueError: exit status 1 on both
