# tests/bad/rt_unsupported_operation.py: runtime error: unsupported operation
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_unsupported_operation\.py", line 7, in <module>
# expect-stderr: io.UnsupportedOperation: not readable
# expect-exit: 1
f = open('x.txt', 'w')
f.read()
