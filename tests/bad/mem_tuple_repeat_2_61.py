# tests/bad/mem_tuple_repeat_2_61.py: out of memory: tuple repeat 2 61
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
x = (0,) * (2 ** 61)
