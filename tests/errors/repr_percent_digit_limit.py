x = [10 ** 4301]
print(len("%s" % 5))
s = "%r"
print(s % (x,))
