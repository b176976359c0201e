# bench/modstr.py: strings built at module level (str(), +, upper(), [::-1], join).
N = 2000000
out = []
for i in range(N):
    s = "item" + str(i)
    s = s.upper() + "-" + s[::-1]
    out.append(s)
text = ";".join(out)
print(len(text), text[:40])
# ir: N = 200000
