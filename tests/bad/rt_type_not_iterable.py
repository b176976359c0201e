# tests/bad/rt_type_not_iterable.py: runtime error: type not iterable
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_type_not_iterable\.py", line 6, in <module>
# expect-stderr: TypeError: 'int' object is not iterable
# expect-exit: 1
for x in 5:
    pass
