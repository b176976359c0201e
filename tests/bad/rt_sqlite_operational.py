# tests/bad/rt_sqlite_operational.py: runtime error: sqlite operational
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_sqlite_operational\.py", line 8, in <module>
# expect-stderr: sqlite3.OperationalError: near "SELEC": syntax error
# expect-exit: 1
import sqlite3
c = sqlite3.connect('a.db')
c.execute('SELEC 1')
