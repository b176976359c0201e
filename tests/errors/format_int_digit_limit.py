x = 10 ** 5000
print(len(format(x, "x")))
print("%d" % x)
