# tests/bad/disk_sqlite_absolute.py: the disk jail: sqlite absolute
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?disk_sqlite_absolute\.py", line 7, in <module>
# expect-stderr: PermissionError: [Errno 13] Permission denied: '/tmp/tracevm-bad-escape.db'
# expect-exit: 1
import sqlite3
sqlite3.connect('/tmp/tracevm-bad-escape.db')
