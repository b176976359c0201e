# bench/modstr.py: strings built at module level (str(), +, upper(), [::-1], join).
# pgo: skip (measured, not trained on: see bench/README.md)
N = 2000000
out = []
for i in range(N):
    s = "item" + str(i)
    s = s.upper() + "-" + s[::-1]
    out.append(s)
text = ";".join(out)
print(len(text), text[:40])
# ir: N = 200000
