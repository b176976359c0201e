# bench/strmethods.py: str methods (upper, split, replace) on short strings.
def main(n):
    t = 0
    for i in range(n):
        s = "hello world " + str(i)
        u = s.upper()
        parts = u.split(" ")
        t = t + len(parts[0]) + len(u.replace("L", ""))
    return t

print(main(1200000))
# ir: print(main(50000))
