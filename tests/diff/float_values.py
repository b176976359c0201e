# floats: sizes and repr of results.
import sys
print(sys.getsizeof(0.0), sys.getsizeof(3.14), sys.getsizeof(-1e300), sys.getsizeof(1 / 3))
print(0.1 + 0.2, 1 / 3, 2 / 3, 10 / 4, 7 / 7, -7 / 2)
print(1e16, 1e15, 123456789.0 * 10, 1e-4, 1e-5, 0.5e-7)
print(2.5 * 4, 3.0 * 1.1, 1.1 + 2.2, 100.0 / 3.0)
print(-0.0, 0.0 == -0.0, 1e308 * 10, -1e308 * 10)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 2.0 ** 10, 2 ** -1, 4 ** 0.5)
print(round(2.675, 2), round(0.5), round(1.5), round(-2.5), round(3.14159, 3), round(1e20))
print(float(7), float("1.5e3"), int(3.99), int(-3.99), float(2 ** 53 + 1))
print(abs(-2.5), max(1.5, 2), min(-0.5, 3), sum([0.1, 0.2, 0.3]))
print(str(1.0), repr(1.25), str(1e100), 1.0 == 1, 0.1 * 3 == 0.3)
x = 1.0
for i in range(10):
    x = x * 1.5
print(x, x > 57, sys.getsizeof(x))
