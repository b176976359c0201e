# tests/bad/mem_zfill_huge.py: out of memory: zfill huge
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
'a'.zfill(2 ** 62)
