open("x.txt", "rw")
