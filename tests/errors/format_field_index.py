print("{0[9]}".format([1]))
