# tests/bad/rt_sqlite_programming.py: runtime error: sqlite programming
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_sqlite_programming\.py", line 9, in <module>
# expect-stderr: sqlite3.ProgrammingError: Cannot operate on a closed database.
# expect-exit: 1
import sqlite3
c = sqlite3.connect('a.db')
c.close()
c.execute('SELECT 1')
