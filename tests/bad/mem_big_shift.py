# tests/bad/mem_big_shift.py: out of memory: big shift
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?mem_big_shift\.py", line 6, in <module>
# expect-stderr: OverflowError: too many digits in integer
# expect-exit: 1
x = 1 << (2 ** 70)
