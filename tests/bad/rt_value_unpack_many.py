# tests/bad/rt_value_unpack_many.py: runtime error: value unpack many
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_value_unpack_many\.py", line 6, in <module>
# expect-stderr: ValueError: too many values to unpack (expected 2)
# expect-exit: 1
a, b = [1, 2, 3]
