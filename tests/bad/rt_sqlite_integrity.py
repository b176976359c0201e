# tests/bad/rt_sqlite_integrity.py: runtime error: sqlite integrity
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_sqlite_integrity\.py", line 10, in <module>
# expect-stderr: sqlite3.IntegrityError: UNIQUE constraint failed: t.x
# expect-exit: 1
import sqlite3
c = sqlite3.connect('a.db')
c.execute('CREATE TABLE t (x UNIQUE)')
c.execute('INSERT INTO t VALUES (1)')
c.execute('INSERT INTO t VALUES (1)')
