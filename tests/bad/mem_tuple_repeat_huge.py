# tests/bad/mem_tuple_repeat_huge.py: out of memory: tuple repeat huge
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
x = (0,) * (2 ** 62)
