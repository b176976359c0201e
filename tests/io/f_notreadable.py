f = open("a.txt", "w")
f.read()
