# tests/bad/rt_value_int_str_limit.py: runtime error: value int str limit
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_value_int_str_limit\.py", line 6, in <module>
# expect-stderr: ValueError: Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit
# expect-exit: 1
print(str(10 ** 5000))
