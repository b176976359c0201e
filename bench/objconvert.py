# bench/objconvert.py: short-lived objects by conversion: tuple() of a
# list, list() of a tuple, an append, a dict with str keys, items read back.
def main(n):
    acc = 0
    for i in range(n):
        t = tuple([i, i + 1, i + 2])
        l = list(t)
        l.append(i)
        d = {"a": i, "b": t}
        acc += l[-1] + d["a"] + len(t)
    return acc

print(main(6000000))
# ir: print(main(60000))
