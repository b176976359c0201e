import sqlite3
c = sqlite3.connect(":memory:")
c.execute("create table t(a primary key)")
c.execute("insert into t values (1)")
c.execute("insert into t values (1)")
