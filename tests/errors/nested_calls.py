def a(x):
    return b(x) * 2
def b(y):
    return 10 / y
print(a(0))
