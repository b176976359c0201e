# tests/bad/disk_absolute_read.py: the disk jail: absolute read
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?disk_absolute_read\.py", line 6, in <module>
# expect-stderr: PermissionError: [Errno 13] Permission denied: '/etc/passwd'
# expect-exit: 1
print(open('/etc/passwd').read())
