import sqlite3
c = sqlite3.connect(":memory:")
c.execute("create table t(a)")
for i in range(2000):
    c.execute("insert into t values (?)", (i,))
s = 0
for i in range(2000):
    s = s + c.execute("select count(*) from t where a < ?", (i,)).fetchone()[0]
print(s)
