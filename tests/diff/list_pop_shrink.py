# Shrinking: pop() reallocates when the size falls below half the capacity.
import sys
items = []
for i in range(70):
    items.append(i)
last = sys.getsizeof(items)
print(len(items), last)
while len(items) > 0:
    items.pop()
    size = sys.getsizeof(items)
    if size != last:
        print(len(items), size)
        last = size
big = list(range(100))
print(sys.getsizeof(big))
big.clear()
print(sys.getsizeof(big))
big.append(1)
print(sys.getsizeof(big))
nums = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
nums.remove(5)
del nums[0]
print(nums, sys.getsizeof(nums))
del nums[2:7]
print(nums, sys.getsizeof(nums))
