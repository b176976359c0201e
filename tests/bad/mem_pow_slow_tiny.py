# tests/bad/mem_pow_slow_tiny.py: out of memory: pow slow tiny
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
x = 3 ** 300000000
