print("{}|{x}|{}".format(1, 2, x=3))
print("{:{}}|{0}".format(5, 3))
