pairs = [(1, 2), [3, 4], "ab", (5, 6, 7)]
d = dict(pairs)
