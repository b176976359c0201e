# tests/bad/rt_overflow_range_huge.py: runtime error: overflow range huge
# args: --max-steps 1000
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_overflow_range_huge\.py", line 7, in <module>
# expect-stderr: OverflowError: range() arguments beyond 64 bits are not supported by tracevm
# expect-exit: 1
for i in range(2 ** 64):
    pass
