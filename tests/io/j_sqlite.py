import sqlite3
sqlite3.connect("../x.db")
