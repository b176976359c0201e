# x in s for a tuple or list of ints or strs is answered in the CPU loops
# (seq_contains_fast); an item of another type hands the question to
# op_compare, which must agree: bools and floats equal to ints, identity
# first (a nan finds itself), big ints, strings built at run time.
nan = float("nan")
big = 2 ** 70
cases = [
    (1, (1, 2)), (3, (1, 2)), (1, [True]), (True, [1]), (1, [1.0]), (1.0, [1]),
    (0, [False, 5]), (5, [2 ** 70, 5]), (big, [2 ** 70]), (2 ** 70, (1, big)),
    (-1, [-1]), (-(2 ** 40), [2 ** 40, -(2 ** 40)]), (7, []), (7, ()),
    ("ab", ["a" + "b"]), ("".join(["x", "y"]), ("xy",)), ("x", ("xy", "yx")),
    ("é", ["e", "é"]), ("1", [1]), (1, ["1"]), (None, [0, None]), (nan, [nan]),
    (nan, [float("nan")]), ([1], [[1], 2]), ((1, 2), [(1, 2)]), (2, [[2]]),
]
print([x in s for x, s in cases])
print([x not in s for x, s in cases])
t = tuple(range(100))
hits = 0
for i in range(-5, 120, 3):
    if i in t:
        hits += 1
    if i not in [i + 1, i + 2]:
        hits += 10
print(hits)
