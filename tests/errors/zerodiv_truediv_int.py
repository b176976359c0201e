def f(a, b):
    return a / b
print(f(7, 2), f(-7, 2.0))
print(f(3, 0))
