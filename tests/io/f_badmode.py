open("x.txt", "q")
