# getsizeof of big ints: 4 bytes per 30-bit digit, whatever the sign.
import sys
for k in range(0, 200, 7):
    v = 2 ** k
    print(k, sys.getsizeof(v), sys.getsizeof(-v), sys.getsizeof(v - 1), sys.getsizeof(v + v))
print(sys.getsizeof(10 ** 100), sys.getsizeof(-(10 ** 100)), sys.getsizeof(10 ** 1000))
f = 1
for i in range(1, 60):
    f = f * i
print(f, sys.getsizeof(f))
print(sys.getsizeof(f // f), sys.getsizeof(f - f), sys.getsizeof(f % 1000007))
