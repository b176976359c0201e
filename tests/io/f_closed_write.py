with open("a.txt", "w") as f:
    f.write("x")
f.write("y")
