# tests/bad/mem_big_pow.py: out of memory: big pow
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?mem_big_pow\.py", line 6, in <module>
# expect-stderr: MemoryError
# expect-exit: 1
x = 2 ** (2 ** 64)
