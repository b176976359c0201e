x = 12
print(x << 3)
print(x << -2)
