# bench/strings.py: building strings (str(), concatenation, f-strings, join).
def main(n):
    total = 0
    parts = []
    i = 0
    while i < n:
        s = "k" + str(i) + ":" + str(i * 7)
        t = f"{s}|{i % 13}"
        parts.append(t)
        if len(parts) == 100:
            line = ",".join(parts)
            total = total + len(line)
            parts = []
        i = i + 1
    return total

print(main(1500000))
# ir: print(main(150000))
