# oracle-skip: 3.12-32 (pyodide's wasm32 dicts are 4 bytes larger than i386; the 32-bit profiles follow i386)
# Absolute dict sizes with str keys while growing.
import sys
d = {}
print(0, sys.getsizeof(d))
last = sys.getsizeof(d)
keys = "abcdefghijklmnopqrstuvwxyz"
for k in keys:
    d[k] = 1
    size = sys.getsizeof(d)
    if size != last:
        print(len(d), size)
        last = size
print(sys.getsizeof({"a": 1}), sys.getsizeof({"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}))
print(sys.getsizeof(dict()), sys.getsizeof({k: 0 for k in "abcdefg"}))
