f = open("u.txt", "x")
f.write("new")
f.close()
print(open("u.txt").read())
