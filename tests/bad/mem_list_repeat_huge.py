# tests/bad/mem_list_repeat_huge.py: out of memory: list repeat huge
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
x = [0] * (2 ** 62)
