# tests/bad/disk_absolute_write.py: the disk jail: absolute write
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?disk_absolute_write\.py", line 6, in <module>
# expect-stderr: PermissionError: [Errno 13] Permission denied: '/tmp/tracevm-bad-escape.txt'
# expect-exit: 1
open('/tmp/tracevm-bad-escape.txt', 'w').write('x')
