# tests/bad/rt_type_len.py: runtime error: type len
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_type_len\.py", line 6, in <module>
# expect-stderr: TypeError: object of type 'int' has no len()
# expect-exit: 1
print(len(5))
