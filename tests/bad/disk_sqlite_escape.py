# tests/bad/disk_sqlite_escape.py: the disk jail: sqlite escape
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?disk_sqlite_escape\.py", line 7, in <module>
# expect-stderr: PermissionError: [Errno 13] Permission denied: '../escape.db'
# expect-exit: 1
import sqlite3
sqlite3.connect('../escape.db')
