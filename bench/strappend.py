# bench/strappend.py: strings built by += in a function, which CPython 3.11
# and 3.12 extend in place while nothing else refers to them.
def main(n):
    total = 0
    for r in range(n // 1000):
        s = ""
        for i in range(1000):
            s += str(i % 10) + ","
        total += len(s) + len(s.split(","))
    return total

print(main(3000000))
# ir: print(main(200000))
