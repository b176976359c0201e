# tests/bad/mem_rjust_huge.py: out of memory: rjust huge
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
'a'.rjust(2 ** 61)
