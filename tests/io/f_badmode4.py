open("x.txt", "rr")
