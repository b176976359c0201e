# getsizeof of ints with one or two 30-bit digits, and of bools.
import sys
print(sys.getsizeof(0), sys.getsizeof(1), sys.getsizeof(-1), sys.getsizeof(-5))
print(sys.getsizeof(255), sys.getsizeof(256), sys.getsizeof(257), sys.getsizeof(1000))
print(sys.getsizeof(2 ** 30 - 1), sys.getsizeof(2 ** 30), sys.getsizeof(-(2 ** 30)), sys.getsizeof(1 - 2 ** 30))
print(sys.getsizeof(2 ** 31), sys.getsizeof(2 ** 32), sys.getsizeof(2 ** 60 - 1), sys.getsizeof(-(2 ** 60) + 1))
print(sys.getsizeof(True), sys.getsizeof(False), sys.getsizeof(True + True))
n = 0
print(sys.getsizeof(n), sys.getsizeof(n + 1), sys.getsizeof(n - 1), sys.getsizeof(n * 1000000))
x = 123456
print(sys.getsizeof(x), sys.getsizeof(x * x), sys.getsizeof(x * x * x), sys.getsizeof(-x * x * x))
