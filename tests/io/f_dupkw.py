open("x.txt", "r", mode="r")
