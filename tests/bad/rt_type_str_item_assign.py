# tests/bad/rt_type_str_item_assign.py: runtime error: type str item assign
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_type_str_item_assign\.py", line 7, in <module>
# expect-stderr: TypeError: 'str' object does not support item assignment
# expect-exit: 1
s = 'abc'
s[0] = 'x'
