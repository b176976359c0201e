f = open("a.txt", "w")
for l in f:
    print(l)
