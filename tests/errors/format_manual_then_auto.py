print("{1}{0}|{x}".format(1, 2, x=3))
print("{0:{1}}|{}".format(5, 3))
