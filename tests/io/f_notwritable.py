open("a.txt", "w").close()
f = open("a.txt")
f.write("x")
