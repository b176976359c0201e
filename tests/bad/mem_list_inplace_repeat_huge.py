# tests/bad/mem_list_inplace_repeat_huge.py: out of memory: list inplace repeat huge
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
x = [1]
x *= 2 ** 62
