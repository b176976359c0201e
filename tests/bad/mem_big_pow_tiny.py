# tests/bad/mem_big_pow_tiny.py: out of memory: big pow tiny
# args: --profile tiny
# timeout: 5
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
x = 10 ** 100000000
