open(".")
