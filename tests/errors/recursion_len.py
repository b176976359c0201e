def f(n):
    x = len("ab")
    f(n + 1)
f(0)
