import sqlite3
c = sqlite3.connect(":memory:")
c.cursor().executemany("select ?", [(1,)])
