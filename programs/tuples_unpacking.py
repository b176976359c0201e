# Tuples: fixed-size sequences, packing and unpacking.

point = (3, 4)
x, y = point
print("x =", x, "y =", y)
print("distance^2 =", x * x + y * y)

a = 1
b = 2
a, b = b, a
print("swapped: a =", a, "b =", b)

def min_max_avg(values):
    return min(values), max(values), sum(values) / len(values)

lo, hi, avg = min_max_avg([4, 8, 15, 16, 23, 42])
print(f"min {lo}, max {hi}, average {avg:.2f}")
stats = min_max_avg([1, 2])
print("one tuple back:", stats, "of length", len(stats))

(name, (day, month)) = ("Ada", (10, "Dec"))
print(name, "was born on", day, month)

pairs = [("one", 1), ("two", 2), ("three", 3)]
for word, number in pairs:
    print(f"{word:>5} -> {number}")
for i, (word, number) in enumerate(pairs):
    print(i, word, number * number)
letters = ["a", "b", "c"]
codes = [97, 98, 99]
for letter, code in zip(letters, codes):
    print(letter, code, ord(letter) == code)

single = (5,)
not_a_tuple = (5)
print("(5,) is a", type(single), "but (5) is an", type(not_a_tuple))
empty = ()
print("empty:", empty, len(empty))
nested = ((1, 2), (3, 4))
print("nested[1][0] =", nested[1][0])
t = (1, 2) + (3,)
print("concatenated:", t, " repeated:", t * 2)
print("count and index:", (1, 2, 2, 3).count(2), (1, 2, 2, 3).index(3))
print("tuple from a list:", tuple([1, 2, 3]), " list from a tuple:", list((1, 2, 3)))
print("compare:", (1, 2, 3) < (1, 2, 4), (1, 2) == (1, 2), isinstance(t, tuple))
first, second, third = "abc"
print("unpacking a string:", first, second, third)

# expect: x = 3 y = 4
# expect: distance^2 = 25
# expect: swapped: a = 2 b = 1
# expect: min 4, max 42, average 18.00
# expect: one tuple back: (1, 2, 1.5) of length 3
# expect: Ada was born on 10 Dec
# expect:   one -> 1
# expect:   two -> 2
# expect: three -> 3
# expect: 0 one 1
# expect: 1 two 4
# expect: 2 three 9
# expect: a 97 True
# expect: b 98 True
# expect: c 99 True
# expect: (5,) is a <class 'tuple'> but (5) is an <class 'int'>
# expect: empty: () 0
# expect: nested[1][0] = 3
# expect: concatenated: (1, 2, 3)  repeated: (1, 2, 3, 1, 2, 3)
# expect: count and index: 2 3
# expect: tuple from a list: (1, 2, 3)  list from a tuple: [1, 2, 3]
# expect: compare: True True True
# expect: unpacking a string: a b c
