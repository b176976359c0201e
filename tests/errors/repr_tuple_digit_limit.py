x = (10 ** 4301,)
print(f"{x[0] % 10}", format(x[0] % 7, ""))
print(repr(x))
