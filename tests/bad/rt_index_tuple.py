# tests/bad/rt_index_tuple.py: runtime error: index tuple
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_index_tuple\.py", line 7, in <module>
# expect-stderr: IndexError: tuple index out of range
# expect-exit: 1
t = (1, 2)
print(t[-3])
