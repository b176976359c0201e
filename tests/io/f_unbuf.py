open("u.txt", "w", 0)
