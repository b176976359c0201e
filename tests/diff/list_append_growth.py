# Over-allocation while appending, one line per change of capacity.
import sys
items = []
last = sys.getsizeof(items)
print(0, last)
for i in range(200):
    items.append(i)
    size = sys.getsizeof(items)
    if size != last:
        print(len(items), size)
        last = size
other = [1, 2, 3]
other.append(4)
print(sys.getsizeof(other))
other.append(5)
print(sys.getsizeof(other))
x = 1
third = [x, x]
third.append(x)
print(sys.getsizeof(third))
