# tests/bad/mem_list_range_huge.py: out of memory: list range huge
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
x = list(range(2 ** 62))
