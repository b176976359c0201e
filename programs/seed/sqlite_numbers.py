import sqlite3

conn = sqlite3.connect("numbers.db")  # Create or open a database
cursor = conn.cursor()

# Create a table if it doesn’t exist
cursor.execute("CREATE TABLE IF NOT EXISTS numbers (num1 INTEGER, num2 INTEGER)")

# Insert data
cursor.execute("INSERT INTO numbers VALUES (10, 20)")
conn.commit()

# Retrieve data
cursor.execute("SELECT * FROM numbers")
print(cursor.fetchall())

conn.close()

# expect: [(10, 20)]
