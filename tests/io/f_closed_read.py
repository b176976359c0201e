f = open("a.txt", "w")
f.close()
f.read()
