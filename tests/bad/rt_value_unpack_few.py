# tests/bad/rt_value_unpack_few.py: runtime error: value unpack few
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_value_unpack_few\.py", line 6, in <module>
# expect-stderr: ValueError: not enough values to unpack (expected 3, got 2)
# expect-exit: 1
a, b, c = (1, 2)
