# tests/bad/rt_overflow_int_to_float.py: runtime error: overflow int to float
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_overflow_int_to_float\.py", line 6, in <module>
# expect-stderr: OverflowError: int too large to convert to float
# expect-exit: 1
print(float(10 ** 400))
