# Keyword arguments bound to parameters by name: names that are prefixes
# of one another (a, ab, abc), one-letter names, non-ASCII names (compared
# as UTF-8), keywords in any order, with defaults filling the rest.
def f(a, ab=2, abc=3, b=4):
    return a * 1000 + ab * 100 + abc * 10 + b
def g(x, ñame=5, 名前=6):
    return x + ñame * 10 + 名前 * 100
t = 0
for i in range(50):
    t += f(i, abc=1) + f(a=i, b=9) + f(i, 7, b=0, abc=5) + f(ab=i, a=1)
    t += g(i, 名前=1) + g(x=i, ñame=2) + g(i, 名前=3, ñame=4)
print(t, f(1), f(1, 2, 3, 4), f(b=1, abc=2, ab=3, a=4), g(0), g(1, 2, 3))
print(f(1, abcd=3))                 # TypeError: exit status 1 on both
