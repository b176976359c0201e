print("{0[0]} {0.}".format([1]))
