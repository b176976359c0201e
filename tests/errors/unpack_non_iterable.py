# a, b = x for an x with no iterator: unpack_iterable's own words
x = 5
print("before")
a, b = x
