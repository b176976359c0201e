x = [1, (2, 10 ** 5000)]
print(len(str(x[:1])), x[0])
print(x)
