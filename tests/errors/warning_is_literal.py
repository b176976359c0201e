x = 1000
print(x is 1000, x is not "a", x is None)
print((1,2) is (1,2))
y = x is 5 is 6
