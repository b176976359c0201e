import sqlite3
c = sqlite3.connect(":memory:")
k = c.cursor()
k.close()
k.execute("select 1")
