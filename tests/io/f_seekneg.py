f = open("u.txt", "w")
f.seek(-1)
