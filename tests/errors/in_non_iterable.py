# x in c for a c with no __contains__ and no iterator
print(3 in 5)
