open(5.5)
