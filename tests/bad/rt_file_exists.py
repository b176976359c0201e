# tests/bad/rt_file_exists.py: runtime error: file exists
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_file_exists\.py", line 7, in <module>
# expect-stderr: FileExistsError: [Errno 17] File exists: 'x.txt'
# expect-exit: 1
open('x.txt', 'w').close()
open('x.txt', 'x')
