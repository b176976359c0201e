# tests/bad/rt_not_a_directory.py: runtime error: not a directory
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_not_a_directory\.py", line 7, in <module>
# expect-stderr: NotADirectoryError: [Errno 20] Not a directory: 'x.txt/y'
# expect-exit: 1
open('x.txt', 'w').close()
open('x.txt/y')
