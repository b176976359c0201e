# oracle-skip: 3.12-32 (pyodide's wasm32 dicts are 4 bytes larger than i386; the 32-bit profiles follow i386)
# Absolute dict sizes with int keys (and mixed keys) while growing.
import sys
d = {}
last = sys.getsizeof(d)
print(0, last)
for k in range(30):
    d[k] = k
    size = sys.getsizeof(d)
    if size != last:
        print(len(d), size)
        last = size
print(sys.getsizeof({1: 1}), sys.getsizeof({1: 1, "a": 2}), sys.getsizeof({(1, 2): 3}))
print(sys.getsizeof({i: i * i for i in range(12)}))
