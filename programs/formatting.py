# f-strings with format specs, and the older % formatting.

pi = 3.14159265
n = 1234567
name = "Ada"
ratio = 0.4567

print(f"pi to 2 places: {pi:.2f}, to 5: {pi:.5f}")
print(f"width 10, right: [{pi:10.3f}]  left: [{pi:<10.3f}]  centre: [{pi:^10.3f}]")
print(f"thousands: {n:,}  underscores: {n:_}  zero padded: {42:06d}")
print(f"hex {255:x} {255:X} {255:#x}  octal {8:o}  binary {5:b} {5:08b}")
print(f"sign: {5:+d} {-5:+d}  percent: {ratio:.1%}  exponent: {n:.3e}")
print(f"strings: [{name:>6}] [{name:<6}] [{name:^7}] [{name:*^9}] {name!r}")
print(f"expressions: {n // 1000} {n % 1000} {len(name) * 2} {name.upper()}")

rows = [("apples", 3, 0.5), ("bananas", 12, 0.25), ("cherries", 100, 0.1)]
print(f"{'item':<10}{'qty':>5}{'price':>8}{'total':>9}")
for item, qty, price in rows:
    print(f"{item:<10}{qty:>5d}{price:>8.2f}{qty * price:>9.2f}")
print("-" * 32)
print(f"{'sum':<10}{sum([r[1] for r in rows]):>5d}{'':>8}{sum([r[1] * r[2] for r in rows]):>9.2f}")

print("%s is %d years old" % (name, 36))
print("%5.2f|%-8s|%08.3f|%x|%o|%e|%%" % (pi, name, pi, 255, 8, 12345.678))
print("%r and %s" % ("quoted", "plain"))
print("%3d|%-3d|%03d" % (7, 7, 7))

print("round:", round(pi, 2), round(2.5), round(3.5), round(-0.5), round(1234.5678, -2))
print("str and repr:", str(0.1 + 0.2), repr("it's"), 1e16, 1e-5, 1 / 3, 2 / 1, 10 ** 20 * 1.0)
print("zfill:", "42".zfill(5), " center:", "[" + "hi".center(6) + "]", " ljust:", "[" + "hi".ljust(4, ".") + "]")
print("int from text:", int("42") + 1, int("-17"), int("ff", 16), float("2.5") * 2)
print("chr/ord/hex/bin:", chr(65), ord("a"), hex(4096), bin(10), hex(-255))

# expect: pi to 2 places: 3.14, to 5: 3.14159
# expect: width 10, right: [     3.142]  left: [3.142     ]  centre: [  3.142   ]
# expect: thousands: 1,234,567  underscores: 1_234_567  zero padded: 000042
# expect: hex ff FF 0xff  octal 10  binary 101 00000101
# expect: sign: +5 -5  percent: 45.7%  exponent: 1.235e+06
# expect: strings: [   Ada] [Ada   ] [  Ada  ] [***Ada***] 'Ada'
# expect: expressions: 1234 567 6 ADA
# expect: item        qty   price    total
# expect: apples        3    0.50     1.50
# expect: bananas      12    0.25     3.00
# expect: cherries    100    0.10    10.00
# expect: --------------------------------
# expect: sum         115            14.50
# expect: Ada is 36 years old
# expect:  3.14|Ada     |0003.142|ff|10|1.234568e+04|%
# expect: 'quoted' and plain
# expect:   7|7  |007
# expect: round: 3.14 2 4 0 1200.0
# expect: str and repr: 0.30000000000000004 "it's" 1e+16 1e-05 0.3333333333333333 2.0 1e+20
# expect: zfill: 00042  center: [  hi  ]  ljust: [hi..]
# expect: int from text: 43 -17 255 5.0
# expect: chr/ord/hex/bin: A 97 0x1000 0b1010 -0xff
