print(format(True, "^5"), f"{False:>3}")
print("{:s}".format(True))
