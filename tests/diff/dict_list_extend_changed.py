# list() of a dict iterator whose dict grew after the iterator was made:
# RuntimeError at the first step, before any key is taken (the walk inside
# list_extend checks the size as next() does).
d = {i: i for i in range(20)}
it = iter(d.items())
print(next(it))
d[99] = 1
del d[0]
d[98] = 2
print(len(d))
print(list(it))
