# int.bit_length() (bool inherits it) and float.is_integer(), on small and
# big ints of both signs and on the float special values.
vals = [0, 1, -1, 2, 255, 256, -256, 2 ** 30 - 1, 2 ** 30, -(2 ** 31), 2 ** 60, 2 ** 63, -(2 ** 64),
        10 ** 50, -(10 ** 50), 3 ** 200, True, False]
print([v.bit_length() for v in vals])
n = 1
for i in range(300):
    n = n * 3 + i
    if n.bit_length() != len(bin(n)) - 2:
        print("mismatch", i)
print(n.bit_length(), (-n).bit_length())
fs = [0.0, -0.0, 1.0, -2.0, 0.5, 1e300, 1e-300, 2.0 ** 53, 2.0 ** 53 + 1, 4503599627370495.5,
      float("inf"), float("-inf"), float("nan")]
print([f.is_integer() for f in fs])
x = 12345
print(x.bit_length(), (x * x).bit_length(), x.bit_length() is (x * x).bit_length())
print((7).bit_length(1))            # TypeError: exit status 1 on both
