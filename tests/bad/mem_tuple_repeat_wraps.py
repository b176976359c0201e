# tests/bad/mem_tuple_repeat_wraps.py: 16 items * 2**62 is 2**66, which
# wrapped to 0 in the constant folder's size check: it folded to ()
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
x = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16) * (2 ** 62)
print(len(x))
