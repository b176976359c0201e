def f(x, n):
    return x >> n

print(f(1000, 3), 7 << 2)
print(f(1000, -1))
