open("x.txt", foo=1)
