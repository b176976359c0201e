# list.sort and sorted() of tuple keys: '<' walks the items as CPython's
# unsafe_tuple_compare does (the first unequal pair decides, else the
# shorter tuple is less). Ints, bools, floats (NaN, -0.0), one-byte and
# wider str, mixed lengths, nested tuples, and the TypeError of a pair
# that has no order (the program's last line: exit status 1).
x = 12345
recs = []
for i in range(3000):
    x = (x * 1103515245 + 12345) % 2147483648
    recs.append((x % 7, "k" + str(x % 11), x % 5 * 0.5, i))
recs.sort()
print(recs[:3], recs[-3:], [r[3] for r in recs[1000:1010]])
print(sorted(recs, reverse=True)[:2])
nan = float("nan")
fl = [(1.0, 2), (nan, 1), (-0.0, 3), (0.0, 1), (nan, 0), (-1.5, 9), (1, 1), (True, 0), (0, 5)]
print(sorted(fl))
ws = [("é", 1), ("e", 2), ("ü", 0), ("€", 3), ("e", 1), ("", 4), ("ab", 0), ("a", 9)]
print(sorted(ws))
ls = [(1, 2, 3), (1, 2), (1,), (), (1, 2, 3, 0), (0, 9, 9), (1, 2, 2, 5)]
print(sorted(ls), sorted(ls, reverse=True))
nest = [((1, 2), "b"), ((1, 1), "z"), ((0, 5), "a"), ((1, 2), "a"), ((None, 1), "q")][:4]
print(sorted(nest))
big = [(2 ** 70, 1), (2 ** 70 + 1, 0), (-2 ** 65, 3), (5, 5), (2 ** 70, 0)]
print(sorted(big))
same = (1, 2)
print(sorted([same, (1, 2), same, (0, 1)]))
print(sorted([(None, 1), (None, 2)]), sorted([(1, [1]), (1, [0]), (0, 5)]))
sorted([(1, 2), (1, "a")])              # TypeError: the run ends with status 1
