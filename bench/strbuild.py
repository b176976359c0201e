# bench/strbuild.py: a str grown by += of str(i), and a list of "item" +
# str(i) joined with commas, a million each, several rounds.
def build(n):
    s = ""
    for i in range(n):
        s += str(i)
    parts = []
    for i in range(n):
        parts.append("item" + str(i))
    t = ",".join(parts)
    return len(s), len(t), t[:20]

n = 1000000
r = None
for k in range(6):
    r = build(n)
print(r)
# ir: n = 20000
