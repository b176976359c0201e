# tests/bad/rt_index_str.py: runtime error: index str
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_index_str\.py", line 6, in <module>
# expect-stderr: IndexError: string index out of range
# expect-exit: 1
print('ab'[9])
