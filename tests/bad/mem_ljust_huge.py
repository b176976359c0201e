# tests/bad/mem_ljust_huge.py: out of memory: ljust huge
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
'a'.ljust(2 ** 62)
