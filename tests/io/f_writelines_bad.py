f = open("u.txt", "w")
f.writelines(["a", 1])
