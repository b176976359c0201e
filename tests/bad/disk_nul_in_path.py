# tests/bad/disk_nul_in_path.py: the disk jail: nul in path
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?disk_nul_in_path\.py", line 6, in <module>
# expect-stderr: ValueError: embedded null byte
# expect-exit: 1
open('a\x00b', 'w')
