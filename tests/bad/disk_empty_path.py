# tests/bad/disk_empty_path.py: the disk jail: empty path
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?disk_empty_path\.py", line 6, in <module>
# expect-stderr: FileNotFoundError: [Errno 2] No such file or directory: ''
# expect-exit: 1
open('')
