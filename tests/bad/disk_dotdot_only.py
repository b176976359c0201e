# tests/bad/disk_dotdot_only.py: the disk jail: dotdot only
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?disk_dotdot_only\.py", line 6, in <module>
# expect-stderr: PermissionError: [Errno 13] Permission denied: '..'
# expect-exit: 1
open('..')
