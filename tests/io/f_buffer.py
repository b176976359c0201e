f = open("buf.txt", "w")
sizes = []
for i in range(300):
    f.write("x" * 99 + "\n")
    sizes.append(len(open("buf.txt").read()))
last = -1
for i in range(300):
    if sizes[i] != last:
        print(i, sizes[i])
        last = sizes[i]
f2 = open("w.txt", "w")
f2.write("a" * 3000)
print(len(open("w.txt").read()))
f2.write("b" * 6000)
print(len(open("w.txt").read()))
f2.write("c" * 3000)
print(len(open("w.txt").read()))
f2.flush()
print(len(open("w.txt").read()))
f2.write("d")
print(f2.tell())
print(len(open("w.txt").read()))
f2.close()
print(len(open("w.txt").read()))
