with open("n.txt", "w") as f:
    for i in range(5):
        f.write(f"line {i}\n")
total = 0
with open("n.txt") as f:
    for line in f:
        total += int(line.split()[1])
print(total)
print(open("n.txt").read().splitlines())
