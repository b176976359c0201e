# A while loop's test is compiled twice (at the top, and at the bottom where
# it jumps back), so CPython warns about `is` with a literal twice.
k = 3
while k is 1:
    k = 0
print(k)
