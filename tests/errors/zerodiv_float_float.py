x = 0.0
print(2.5 - 0.5 / 4)
print(1.0 / x)
