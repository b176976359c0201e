import sqlite3
c = sqlite3.connect(":memory:")
c.cursor().execute(5)
