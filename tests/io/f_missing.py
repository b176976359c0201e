print(open("x.txt").read())
