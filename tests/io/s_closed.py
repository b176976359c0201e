import sqlite3
c = sqlite3.connect(":memory:")
c.close()
c.execute("select 1")
