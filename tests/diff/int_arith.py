# Integer arithmetic: big, negative, floor division and modulo signs.
a = 2 ** 100
b = 3 ** 50
print(a, b)
print(a + b, a - b, b - a)
print(a * b)
print(a // b, a % b, -a // b, -a % b)
print(-7 // 2, -7 % 2, 7 // -2, 7 % -2, -7 // -2, -7 % -2)
print((-2) ** 63, 2 ** 64 - 1, -(2 ** 64))
print(10 ** 30 // 7, 10 ** 30 % 7)
print(abs(-a), abs(5), -(-a) == a)
print(hex(a), bin(2 ** 40 + 1), hex(-255))
print(int("123456789012345678901234567890") * 2)
print(int("-00042"), int(" 17 "), str(-a)[:10], len(str(a * a)))
print(max(a, b), min(a, b, -a), sum([a, b, 1]))
print(a > b, a == 2 ** 100, a != b, 2 ** 64 > 2 ** 63)
x = 1
for i in range(70):
    x = x * 3 - 1
print(x)
