# getsizeof of list displays: constants (BUILD_LIST 0 + LIST_EXTEND of a
# constant tuple, capacity rounded up to even), variables (BUILD_LIST n).
import sys
print(sys.getsizeof([]), sys.getsizeof([1]), sys.getsizeof([1, 2]), sys.getsizeof([1, 2, 3]))
print(sys.getsizeof([1, 2, 3, 4]), sys.getsizeof([1, 2, 3, 4, 5]), sys.getsizeof([1, 2, 3, 4, 5, 6]))
print(sys.getsizeof([1, 2, 3, 4, 5, 6, 7]), sys.getsizeof([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
print(sys.getsizeof([100, 200, 400, 300, 900]), sys.getsizeof(["a", "b", "c"]), sys.getsizeof([1.5, 2.5, 3.5]))
x = 7
print(sys.getsizeof([x]), sys.getsizeof([x, x]), sys.getsizeof([x, x, x]), sys.getsizeof([x, x, x, x, x]))
print(sys.getsizeof([x, 1, 2]), sys.getsizeof([1, 2, x]), sys.getsizeof([1, x, 2, x, 3]))
print(sys.getsizeof([x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]))
print(sys.getsizeof([x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x]))
print(sys.getsizeof([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39]))
print(sys.getsizeof([[1], [2]]), sys.getsizeof([[], [], []]), sys.getsizeof([(1, 2), (3, 4), (5, 6)]))
