for i in range(3000):
    f = open("loop.txt", "w")
    f.write(str(i))
print(open("loop.txt").read())
n = 0
for i in range(3000):
    n = n + len(open("loop.txt").read())
print(n)
