with open("a.txt", "w") as f:
    f.write("x")
f = open("a.txt")
f.close()
for l in f:
    print(l)
