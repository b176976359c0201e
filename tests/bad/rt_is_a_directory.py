# tests/bad/rt_is_a_directory.py: runtime error: is a directory
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_is_a_directory\.py", line 6, in <module>
# expect-stderr: IsADirectoryError: [Errno 21] Is a directory: '.'
# expect-exit: 1
open('.')
