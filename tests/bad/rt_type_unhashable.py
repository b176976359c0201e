# tests/bad/rt_type_unhashable.py: runtime error: type unhashable
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_type_unhashable\.py", line 7, in <module>
# expect-stderr: TypeError: unhashable type: 'list'
# expect-exit: 1
d = {}
d[[1]] = 2
