# True, False and None: sizes, identity, arithmetic.
import sys
print(sys.getsizeof(True), sys.getsizeof(False), sys.getsizeof(None))
t = 1 == 1
f = 1 == 2
print(t is True, f is False, bool(1) is bool(2), bool([]) is False, bool("x") is True)
print(True + True, True * 10, -True, int(False), str(True), repr(None))
print(isinstance(True, int), type(True), type(None), type(3) is int)
n = None
print(n is None, n == None, [1].append(2) is None, print() is None)
print(not None, not 0, not "", not [], not [0], 3 > 2 > 1, 1 < 2 > 3)
print(True and 5, 0 or "x", None or 0, [] or [1], 1 and 0)
print(max(True, 0), min(False, -1), sum([True, True, False]), abs(True))
