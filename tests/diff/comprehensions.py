# Comprehensions grow their list by appends; their results and sizes.
import sys
for n in [0, 1, 4, 5, 8, 9, 16, 17, 24, 25, 32, 33, 40, 41, 52, 53]:
    print(n, sys.getsizeof([i for i in range(n)]))
sq = [i * i for i in range(10) if i % 2 == 0]
print(sq, sys.getsizeof(sq))
pairs = [(i, j) for i in range(3) for j in range(2)]
print(pairs, sys.getsizeof(pairs))
words = [w.upper() for w in "one two three".split()]
print(words, sys.getsizeof(words))
lengths = {w: len(w) for w in "one two three".split()}
print(lengths, len(lengths))
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix, sys.getsizeof(matrix), sys.getsizeof(matrix[0]))
flat = [x for row in matrix for x in row]
print(flat, sum(flat), sys.getsizeof(flat))
