# Arithmetic and comparisons mixing ints and floats.
a = 7
b = 2
c = 2.5
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(a + c, a - c, a * c, a / c, a // c, a % c, c ** 2)
print(-a // b, -a % b, -a / b, -(a // b), -c // 1, -c % 1)
print(a > c, a == 7.0, b * c == 5, 1 / 4 == 0.25, 0.1 + 0.2 == 0.3)
print(abs(-a), abs(-c), min(a, c), max(a, b, c), sum([a, b, c]))
print(round(a / b), round(c), round(3.5), round(a / 3, 3), round(1234, -2))
print(2 ** 10, 2 ** 0.5, 10 ** -2, (-8) ** 2, -8 ** 2, 2 ** 3 ** 2)
print(17 % 5, -17 % 5, 17 % -5, 5.5 % 2, 1e3 // 7, 1e3 % 7)
print(int(7.9), int(-7.9), float(a), int("12") + 1, float("0.1") * 3)
print(a * 1.0, a / 1, 6 / 3, type(6 / 3), type(6 // 3), type(6.0 // 3))
x = 0
for i in range(1, 11):
    x = x + i * i
print(x, x / 10, x // 10, x % 10)
print(3 * 0.1, 100 * 1.1, 1 / 3 * 3, 2 / 3 + 1 / 3)
