open("x.txt", "+")
