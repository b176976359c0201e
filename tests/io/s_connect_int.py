import sqlite3
sqlite3.connect(5)
