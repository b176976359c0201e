import sqlite3
c = sqlite3.connect(":memory:")
c.execute("SELEC 1")
