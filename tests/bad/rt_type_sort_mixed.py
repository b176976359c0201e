# tests/bad/rt_type_sort_mixed.py: runtime error: type sort mixed
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_type_sort_mixed\.py", line 6, in <module>
# expect-stderr: TypeError: '<' not supported between instances of 'str' and 'int'
# expect-exit: 1
sorted([1, 'a'])
