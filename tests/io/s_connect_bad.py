import sqlite3
sqlite3.connect("nodir/x.db")
