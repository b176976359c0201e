# tests/bad/mem_center_huge.py: out of memory: center huge
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
'a'.center(2 ** 40)
