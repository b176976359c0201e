# tests/bad/rt_type_compare.py: runtime error: type compare
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_type_compare\.py", line 6, in <module>
# expect-stderr: TypeError: '<' not supported between instances of 'int' and 'str'
# expect-exit: 1
print(1 < 'a')
