# tests/bad/rt_index_huge.py: runtime error: index huge
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_index_huge\.py", line 6, in <module>
# expect-stderr: IndexError: cannot fit 'int' into an index-sized integer
# expect-exit: 1
[1][2 ** 100]
