import sqlite3
c = sqlite3.connect(":memory:")
c.execute("select ?", (2**63,))
