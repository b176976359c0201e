# bench/strconcat.py: strings built by += of str(), then concatenated,
# upper-cased and sliced (strings in the sense, written another way).
def main(n):
    total = 0
    for i in range(n):
        s = ""
        for j in range(10):
            s += str(j)
        s = s + "-" + s.upper()
        total += len(s) + len(s[2:7])
    return total

print(main(700000))
# ir: print(main(20000))
