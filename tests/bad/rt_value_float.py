# tests/bad/rt_value_float.py: runtime error: value float
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_value_float\.py", line 6, in <module>
# expect-stderr: ValueError: could not convert string to float: 'x'
# expect-exit: 1
float('x')
