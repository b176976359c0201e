# tests/bad/disk_parent_nested.py: the disk jail: parent nested
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?disk_parent_nested\.py", line 6, in <module>
# expect-stderr: PermissionError: [Errno 13] Permission denied: 'a/../../escape.txt'
# expect-exit: 1
open('a/../../escape.txt', 'w')
