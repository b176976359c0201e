f = open("a.txt", "w")
f.write(5)
