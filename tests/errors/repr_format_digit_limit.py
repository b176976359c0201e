d = {"k": 10 ** 4400}
print(len(repr(list(d))))
print("{}".format(d))
