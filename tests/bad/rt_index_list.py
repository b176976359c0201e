# tests/bad/rt_index_list.py: runtime error: index list
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_index_list\.py", line 6, in <module>
# expect-stderr: IndexError: list index out of range
# expect-exit: 1
print([1, 2][5])
