# Slices of lists and strings: new objects sized for exactly what they hold.
import sys
nums = list(range(20))
print(nums[2:5], nums[:3], nums[-3:], nums[::5], nums[::-7], nums[15:2:-4])
print(sys.getsizeof(nums[2:5]), sys.getsizeof(nums[:]), sys.getsizeof(nums[::2]), sys.getsizeof(nums[5:5]))
s = "Hello, World"
print(s[0:5], s[-5:], s[::-1], s[::3], s[7:], s[100:], len(s[3:100]))
print(sys.getsizeof(s[0:5]), sys.getsizeof(s[::-1]), sys.getsizeof(s[5:5]), sys.getsizeof(s[7:8]))
u = "naïve café €5 😀!"
print(u[:5], u[6:10], u[-2:], len(u))
print(sys.getsizeof(u), sys.getsizeof(u[:5]), sys.getsizeof(u[6:13]), sys.getsizeof(u[-2:]), sys.getsizeof(u[-1:]))
t = (1, 2, 3, 4, 5)
print(t[1:3], t[::-1], sys.getsizeof(t[1:3]), sys.getsizeof(t[:0]))
nums[2:5] = [100]
print(nums[:5], len(nums), sys.getsizeof(nums))
nums[:0] = [7, 8, 9]
print(nums[:5], len(nums), sys.getsizeof(nums))
