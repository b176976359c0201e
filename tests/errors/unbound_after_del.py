# A local deleted in a loop is checked again on the next pass, even though
# the function assigned it at its top level first.
def f(n):
    t = 0
    while n > 0:
        t += n
        print(t)
        del t
        n -= 1
    return 0

print(f(2))
