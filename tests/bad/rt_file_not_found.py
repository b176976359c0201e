# tests/bad/rt_file_not_found.py: runtime error: file not found
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_file_not_found\.py", line 6, in <module>
# expect-stderr: FileNotFoundError: [Errno 2] No such file or directory: 'missing.txt'
# expect-exit: 1
open('missing.txt')
