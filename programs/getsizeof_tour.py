# How many bytes does each object take? sys.getsizeof counts the object
# itself (header + data), never the objects it refers to.
import sys

print("--- ints: 30-bit digits ---")
for label, value in [("0", 0), ("1", 1), ("255", 255), ("2**30-1", 2 ** 30 - 1), ("2**30", 2 ** 30),
                     ("2**60", 2 ** 60), ("2**90", 2 ** 90), ("10**100", 10 ** 100), ("-1", -1), ("-2**30", -(2 ** 30))]:
    print(f"{label:>8} {sys.getsizeof(value):4d} bytes")
print("True:", sys.getsizeof(True), " None:", sys.getsizeof(None), " 3.14:", sys.getsizeof(3.14))

print("--- strings: one, two or four bytes per character ---")
for s in ["", "a", "hello", "hello world", "café", "é", "€uro", "日本語", "😀"]:
    print(f"{s!r:15} len {len(s):2d} {sys.getsizeof(s):4d} bytes")
for n in [1, 10, 100]:
    print("'x' *", n, "->", sys.getsizeof("x" * n))

print("--- tuples ---")
print((), sys.getsizeof(()))
print((1,), sys.getsizeof((1,)))
print((1, 2, 3), sys.getsizeof((1, 2, 3)))

print("--- a list grows in steps ---")
items = []
last = sys.getsizeof(items)
print(f"len  0 size {last}")
for i in range(40):
    items.append(i)
    size = sys.getsizeof(items)
    if size != last:
        print(f"len {len(items):2d} size {size}")
        last = size
print("the 40 ints inside add", sum([sys.getsizeof(x) for x in items]), "more bytes")

print("--- dicts ---")
d = {}
print("{}", sys.getsizeof(d))
for k in ["a", "b", "c", "d", "e", "f"]:
    d[k] = 1
    print(len(d), "str keys:", sys.getsizeof(d))
print("6 int keys:", sys.getsizeof({1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6}))

def greet(name):
    return "hi " + name

print("--- a function ---")
print("def greet:", sys.getsizeof(greet))

# expect: --- ints: 30-bit digits ---
# expect:        0   28 bytes
# expect:        1   28 bytes
# expect:      255   28 bytes
# expect:  2**30-1   28 bytes
# expect:    2**30   32 bytes
# expect:    2**60   36 bytes
# expect:    2**90   40 bytes
# expect:  10**100   72 bytes
# expect:       -1   28 bytes
# expect:   -2**30   32 bytes
# expect: True: 28  None: 16  3.14: 24
# expect: --- strings: one, two or four bytes per character ---
# expect: ''              len  0   41 bytes
# expect: 'a'             len  1   42 bytes
# expect: 'hello'         len  5   46 bytes
# expect: 'hello world'   len 11   52 bytes
# expect: 'café'          len  4   61 bytes
# expect: 'é'             len  1   61 bytes
# expect: '€uro'          len  4   66 bytes
# expect: '日本語'           len  3   64 bytes
# expect: '😀'             len  1   64 bytes
# expect: 'x' * 1 -> 42
# expect: 'x' * 10 -> 51
# expect: 'x' * 100 -> 141
# expect: --- tuples ---
# expect: () 40
# expect: (1,) 48
# expect: (1, 2, 3) 64
# expect: --- a list grows in steps ---
# expect: len  0 size 56
# expect: len  1 size 88
# expect: len  5 size 120
# expect: len  9 size 184
# expect: len 17 size 248
# expect: len 25 size 312
# expect: len 33 size 376
# expect: the 40 ints inside add 1120 more bytes
# expect: --- dicts ---
# expect: {} 64
# expect: 1 str keys: 184
# expect: 2 str keys: 184
# expect: 3 str keys: 184
# expect: 4 str keys: 184
# expect: 5 str keys: 184
# expect: 6 str keys: 272
# expect: 6 int keys: 352
# expect: --- a function ---
# expect: def greet: 160

# expect[cpython-3.12-32bit]: --- ints: 30-bit digits ---
# expect[cpython-3.12-32bit]:        0   16 bytes
# expect[cpython-3.12-32bit]:        1   16 bytes
# expect[cpython-3.12-32bit]:      255   16 bytes
# expect[cpython-3.12-32bit]:  2**30-1   16 bytes
# expect[cpython-3.12-32bit]:    2**30   20 bytes
# expect[cpython-3.12-32bit]:    2**60   24 bytes
# expect[cpython-3.12-32bit]:    2**90   28 bytes
# expect[cpython-3.12-32bit]:  10**100   60 bytes
# expect[cpython-3.12-32bit]:       -1   16 bytes
# expect[cpython-3.12-32bit]:   -2**30   20 bytes
# expect[cpython-3.12-32bit]: True: 16  None: 8  3.14: 16
# expect[cpython-3.12-32bit]: --- strings: one, two or four bytes per character ---
# expect[cpython-3.12-32bit]: ''              len  0   21 bytes
# expect[cpython-3.12-32bit]: 'a'             len  1   22 bytes
# expect[cpython-3.12-32bit]: 'hello'         len  5   26 bytes
# expect[cpython-3.12-32bit]: 'hello world'   len 11   32 bytes
# expect[cpython-3.12-32bit]: 'café'          len  4   33 bytes
# expect[cpython-3.12-32bit]: 'é'             len  1   33 bytes
# expect[cpython-3.12-32bit]: '€uro'          len  4   38 bytes
# expect[cpython-3.12-32bit]: '日本語'           len  3   36 bytes
# expect[cpython-3.12-32bit]: '😀'             len  1   36 bytes
# expect[cpython-3.12-32bit]: 'x' * 1 -> 22
# expect[cpython-3.12-32bit]: 'x' * 10 -> 31
# expect[cpython-3.12-32bit]: 'x' * 100 -> 121
# expect[cpython-3.12-32bit]: --- tuples ---
# expect[cpython-3.12-32bit]: () 20
# expect[cpython-3.12-32bit]: (1,) 24
# expect[cpython-3.12-32bit]: (1, 2, 3) 32
# expect[cpython-3.12-32bit]: --- a list grows in steps ---
# expect[cpython-3.12-32bit]: len  0 size 28
# expect[cpython-3.12-32bit]: len  1 size 44
# expect[cpython-3.12-32bit]: len  5 size 60
# expect[cpython-3.12-32bit]: len  9 size 92
# expect[cpython-3.12-32bit]: len 17 size 124
# expect[cpython-3.12-32bit]: len 25 size 156
# expect[cpython-3.12-32bit]: len 33 size 188
# expect[cpython-3.12-32bit]: the 40 ints inside add 640 more bytes
# expect[cpython-3.12-32bit]: --- dicts ---
# expect[cpython-3.12-32bit]: {} 36
# expect[cpython-3.12-32bit]: 1 str keys: 104
# expect[cpython-3.12-32bit]: 2 str keys: 104
# expect[cpython-3.12-32bit]: 3 str keys: 104
# expect[cpython-3.12-32bit]: 4 str keys: 104
# expect[cpython-3.12-32bit]: 5 str keys: 104
# expect[cpython-3.12-32bit]: 6 str keys: 152
# expect[cpython-3.12-32bit]: 6 int keys: 192
# expect[cpython-3.12-32bit]: --- a function ---
# expect[cpython-3.12-32bit]: def greet: 80

# expect[cpython-3.11-64bit]: --- ints: 30-bit digits ---
# expect[cpython-3.11-64bit]:        0   28 bytes
# expect[cpython-3.11-64bit]:        1   28 bytes
# expect[cpython-3.11-64bit]:      255   28 bytes
# expect[cpython-3.11-64bit]:  2**30-1   28 bytes
# expect[cpython-3.11-64bit]:    2**30   32 bytes
# expect[cpython-3.11-64bit]:    2**60   36 bytes
# expect[cpython-3.11-64bit]:    2**90   40 bytes
# expect[cpython-3.11-64bit]:  10**100   72 bytes
# expect[cpython-3.11-64bit]:       -1   28 bytes
# expect[cpython-3.11-64bit]:   -2**30   32 bytes
# expect[cpython-3.11-64bit]: True: 28  None: 16  3.14: 24
# expect[cpython-3.11-64bit]: --- strings: one, two or four bytes per character ---
# expect[cpython-3.11-64bit]: ''              len  0   49 bytes
# expect[cpython-3.11-64bit]: 'a'             len  1   50 bytes
# expect[cpython-3.11-64bit]: 'hello'         len  5   54 bytes
# expect[cpython-3.11-64bit]: 'hello world'   len 11   60 bytes
# expect[cpython-3.11-64bit]: 'café'          len  4   77 bytes
# expect[cpython-3.11-64bit]: 'é'             len  1   74 bytes
# expect[cpython-3.11-64bit]: '€uro'          len  4   82 bytes
# expect[cpython-3.11-64bit]: '日本語'           len  3   80 bytes
# expect[cpython-3.11-64bit]: '😀'             len  1   80 bytes
# expect[cpython-3.11-64bit]: 'x' * 1 -> 50
# expect[cpython-3.11-64bit]: 'x' * 10 -> 59
# expect[cpython-3.11-64bit]: 'x' * 100 -> 149
# expect[cpython-3.11-64bit]: --- tuples ---
# expect[cpython-3.11-64bit]: () 40
# expect[cpython-3.11-64bit]: (1,) 48
# expect[cpython-3.11-64bit]: (1, 2, 3) 64
# expect[cpython-3.11-64bit]: --- a list grows in steps ---
# expect[cpython-3.11-64bit]: len  0 size 56
# expect[cpython-3.11-64bit]: len  1 size 88
# expect[cpython-3.11-64bit]: len  5 size 120
# expect[cpython-3.11-64bit]: len  9 size 184
# expect[cpython-3.11-64bit]: len 17 size 248
# expect[cpython-3.11-64bit]: len 25 size 312
# expect[cpython-3.11-64bit]: len 33 size 376
# expect[cpython-3.11-64bit]: the 40 ints inside add 1120 more bytes
# expect[cpython-3.11-64bit]: --- dicts ---
# expect[cpython-3.11-64bit]: {} 64
# expect[cpython-3.11-64bit]: 1 str keys: 184
# expect[cpython-3.11-64bit]: 2 str keys: 184
# expect[cpython-3.11-64bit]: 3 str keys: 184
# expect[cpython-3.11-64bit]: 4 str keys: 184
# expect[cpython-3.11-64bit]: 5 str keys: 184
# expect[cpython-3.11-64bit]: 6 str keys: 272
# expect[cpython-3.11-64bit]: 6 int keys: 352
# expect[cpython-3.11-64bit]: --- a function ---
# expect[cpython-3.11-64bit]: def greet: 152

# expect[cpython-3.11-32bit]: --- ints: 30-bit digits ---
# expect[cpython-3.11-32bit]:        0   16 bytes
# expect[cpython-3.11-32bit]:        1   16 bytes
# expect[cpython-3.11-32bit]:      255   16 bytes
# expect[cpython-3.11-32bit]:  2**30-1   16 bytes
# expect[cpython-3.11-32bit]:    2**30   20 bytes
# expect[cpython-3.11-32bit]:    2**60   24 bytes
# expect[cpython-3.11-32bit]:    2**90   28 bytes
# expect[cpython-3.11-32bit]:  10**100   60 bytes
# expect[cpython-3.11-32bit]:       -1   16 bytes
# expect[cpython-3.11-32bit]:   -2**30   20 bytes
# expect[cpython-3.11-32bit]: True: 16  None: 8  3.14: 16
# expect[cpython-3.11-32bit]: --- strings: one, two or four bytes per character ---
# expect[cpython-3.11-32bit]: ''              len  0   25 bytes
# expect[cpython-3.11-32bit]: 'a'             len  1   26 bytes
# expect[cpython-3.11-32bit]: 'hello'         len  5   30 bytes
# expect[cpython-3.11-32bit]: 'hello world'   len 11   36 bytes
# expect[cpython-3.11-32bit]: 'café'          len  4   41 bytes
# expect[cpython-3.11-32bit]: 'é'             len  1   38 bytes
# expect[cpython-3.11-32bit]: '€uro'          len  4   46 bytes
# expect[cpython-3.11-32bit]: '日本語'           len  3   44 bytes
# expect[cpython-3.11-32bit]: '😀'             len  1   44 bytes
# expect[cpython-3.11-32bit]: 'x' * 1 -> 26
# expect[cpython-3.11-32bit]: 'x' * 10 -> 35
# expect[cpython-3.11-32bit]: 'x' * 100 -> 125
# expect[cpython-3.11-32bit]: --- tuples ---
# expect[cpython-3.11-32bit]: () 20
# expect[cpython-3.11-32bit]: (1,) 24
# expect[cpython-3.11-32bit]: (1, 2, 3) 32
# expect[cpython-3.11-32bit]: --- a list grows in steps ---
# expect[cpython-3.11-32bit]: len  0 size 28
# expect[cpython-3.11-32bit]: len  1 size 44
# expect[cpython-3.11-32bit]: len  5 size 60
# expect[cpython-3.11-32bit]: len  9 size 92
# expect[cpython-3.11-32bit]: len 17 size 124
# expect[cpython-3.11-32bit]: len 25 size 156
# expect[cpython-3.11-32bit]: len 33 size 188
# expect[cpython-3.11-32bit]: the 40 ints inside add 640 more bytes
# expect[cpython-3.11-32bit]: --- dicts ---
# expect[cpython-3.11-32bit]: {} 36
# expect[cpython-3.11-32bit]: 1 str keys: 104
# expect[cpython-3.11-32bit]: 2 str keys: 104
# expect[cpython-3.11-32bit]: 3 str keys: 104
# expect[cpython-3.11-32bit]: 4 str keys: 104
# expect[cpython-3.11-32bit]: 5 str keys: 104
# expect[cpython-3.11-32bit]: 6 str keys: 152
# expect[cpython-3.11-32bit]: 6 int keys: 192
# expect[cpython-3.11-32bit]: --- a function ---
# expect[cpython-3.11-32bit]: def greet: 76
