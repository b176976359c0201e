import sqlite3
def add(v):
    conn = sqlite3.connect("g.db")
    conn.execute("CREATE TABLE IF NOT EXISTS t (a INTEGER)")
    conn.execute("INSERT INTO t VALUES (?)", (v,))
add(1)
add(2)
c = sqlite3.connect("g.db")
print(c.execute("select * from t").fetchall())
