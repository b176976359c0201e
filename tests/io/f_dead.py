def save(name, text):
    f = open(name, "w")
    f.write(text)
save("d.txt", "hello")
print(repr(open("d.txt").read()))
open("e.txt", "w").write("direct")
print(repr(open("e.txt").read()))
g = open("g.txt", "w")
g.write("kept")
print(repr(open("g.txt").read()))
g = None
print(repr(open("g.txt").read()))
h = open("h.txt", "w")
h.write("at exit")
