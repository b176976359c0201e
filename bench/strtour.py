# bench/strtour.py: the str methods a line-by-line text tool calls (strip,
# startswith, partition, find, isdigit, lower, title, ljust, endswith,
# rstrip, count, zfill), each on short lines.
def main(n):
    lines = ["  name = Alice  ", "# a comment", "age=42", "  city = Paris", "", "id = 0007  "]
    total = 0
    for i in range(n):
        line = lines[i % 6].strip()
        if not line or line.startswith("#"):
            total += 1
            continue
        key, sep, value = line.partition("=")
        key = key.rstrip().lower()
        value = value.lstrip()
        if value.isdigit():
            total += int(value) + len(value.zfill(6))
        else:
            total += len(value.title().ljust(12)) + value.find("i") + value.count("a")
        if key.endswith("e"):
            total += 2
    return total

print(main(1200000))
# ir: print(main(60000))
