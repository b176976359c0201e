# tests/diff/isinstance_paths.py: isinstance of one type, which the loops
# without hooks answer in builtin_fast (vm/cpu_builtins.h) beside
# b_isinstance's general path (tuples of types, the TypeError): bool is an
# int, an int is no bool, each container its own type; then the tuple form
# and the error (the run's last line: TypeError).
vals = [0, 7, True, False, 2 ** 70, 1.5, "s", "", [], [1], (), (1,), {}, {1: 2}, None, range(3)]
types = [int, bool, float, str, list, tuple, dict, range]
rows = []
for v in vals:
    rows.append("".join("1" if isinstance(v, t) else "0" for t in types))
print(rows)
n = 0
for i in range(200):
    if isinstance(i, int) and not isinstance(i, bool):
        n += 1
    if isinstance(i % 3 == 0, bool):
        n += 2
print(n, isinstance(3, (str, int)), isinstance("x", (list, tuple)))
print(isinstance(3, 4))
