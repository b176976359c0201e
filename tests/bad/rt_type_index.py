# tests/bad/rt_type_index.py: runtime error: type index
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_type_index\.py", line 6, in <module>
# expect-stderr: TypeError: list indices must be integers or slices, not float
# expect-exit: 1
print([1][1.5])
