def f(a, ab=2, abc=3):
    return a + ab + abc
print(f(1, 2, abc=3))
f(1, 2, ab=5)
