# tests/bad/rt_index_pop_empty.py: runtime error: index pop empty
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_index_pop_empty\.py", line 6, in <module>
# expect-stderr: IndexError: pop from empty list
# expect-exit: 1
[].pop()
