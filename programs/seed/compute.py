x = 5
y = 10
z = x * y + 2
print(z)

# expect: 52
