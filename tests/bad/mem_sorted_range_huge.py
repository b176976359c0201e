# tests/bad/mem_sorted_range_huge.py: out of memory: sorted range huge
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
x = sorted(range(2 ** 62))
