open("x", 5)
