# tests/bad/rt_value_int.py: runtime error: value int
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_value_int\.py", line 6, in <module>
# expect-stderr: ValueError: invalid literal for int() with base 10: 'abc'
# expect-exit: 1
print(int('abc'))
