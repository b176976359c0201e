# bench/formatting.py: text built with %, str.format, f-strings with specs, and join.
def main(n):
    total = 0
    last = ""
    for j in range(n // 1000):
        parts = []
        for i in range(j * 1000, j * 1000 + 1000):
            s = "item%d" % i
            t = "{}-{:x}".format(s, i % 4096)
            parts.append(f"{t}/{i % 7:02d}")
        out = ",".join(parts)
        total += len(out)
        last = out[-30:]
    return total, last

print(main(2500000))
# ir: print(main(20000))
