# bench/objlists.py: many short-lived objects made in a for loop: a tuple,
# a list holding it, a list of lists; lengths and items read back.
def main(n):
    total = 0
    for i in range(n):
        p = (i, i * 2)
        q = [p, i, "x"]
        r = [q, q]
        total += len(r) + p[1] + len(q)
    return total

print(main(10000000))
# ir: print(main(100000))
