# tests/bad/rt_overflow_index_sized.py: runtime error: overflow index sized
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_overflow_index_sized\.py", line 6, in <module>
# expect-stderr: OverflowError: cannot fit 'int' into an index-sized integer
# expect-exit: 1
x = 'ab' * (2 ** 63)
