# Builtins calling back into the program: sorted/min/max key=, map, filter;
# an error inside a key function shows its frame in the traceback.
words = ["banana", "Apple", "cherry", "fig", "date"]
print(sorted(words, key=len), sorted(words, key=str.lower) if False else sorted(words, key=len, reverse=True))
def last(s):
    return s[-1]
print(sorted(words, key=last), max(words, key=len), min(words, key=last), max([3, 1, 2]), min("hello"))
def sq(x):
    return x * x
print(list(map(sq, [1, 2, 3])), list(filter(lambda_free if False else bool, [0, 1])) if False else list(map(sq, range(4))))
def even(n):
    return n % 2 == 0
print(list(filter(even, range(10))), sum(map(sq, range(5))))
pairs = [(1, "b"), (3, "a"), (2, "c")]
def second(p):
    return p[1]
pairs.sort(key=second)
print(pairs)
def bad(x):
    return 1 / x
print(sorted([1, 0, 2], key=bad))
