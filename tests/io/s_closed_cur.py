import sqlite3
c = sqlite3.connect(":memory:")
k = c.execute("select 1")
c.close()
k.fetchall()
