# tests/bad/disk_parent_dir.py: the disk jail: parent dir
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?disk_parent_dir\.py", line 6, in <module>
# expect-stderr: PermissionError: [Errno 13] Permission denied: '../escape.txt'
# expect-exit: 1
open('../escape.txt', 'w')
