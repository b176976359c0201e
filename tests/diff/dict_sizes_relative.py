# Dict sizes relative to the empty dict: only the keys object differs, so
# this runs on every oracle (wasm32 and i386 agree on it).
import sys
base = sys.getsizeof({})
d = {}
last = 0
keys = "abcdefghijklmnopqrstuvwxyz"
for k in keys:
    d[k] = 1
    size = sys.getsizeof(d) - base
    if size != last:
        print("str", len(d), size)
        last = size
d = {}
last = 0
for k in range(30):
    d[k] = 1
    size = sys.getsizeof(d) - base
    if size != last:
        print("int", len(d), size)
        last = size
print(sys.getsizeof({"x": 1, 2: 3}) - base, sys.getsizeof({k: 1 for k in range(6)}) - base)
e = {"a": 1, "b": 2}
del e["a"]
print(len(e), sys.getsizeof(e) - base)
e.clear()
print(len(e), sys.getsizeof(e) - base)
