# Which results are the cached small ints? Arithmetic, int(), len(),
# indexing and range all return the cached objects from -5 to 256.
cached = []
for i in range(-20, 300):
    a = int(str(i))
    b = int(str(i))
    if a is b:
        cached.append(i)
print(len(cached), cached[0], cached[-1])
r = list(range(250, 260))
s = list(range(250, 260))
print([r[i] is s[i] for i in range(10)])
x = 200
print(x + 56 is r[6], x + 57 is r[7])
lst = [0] * 300
print(len(lst) is len(lst), len(lst) == 300)
short = [0] * 256
print(len(short) is len(short))
neg = -3
print(neg - 2 is int("-5"), neg - 3 is int("-6"))
k = 16
print(k * k is r[6], k * k + 1 is int("257") - 0)
total = 0
for v in range(23):
    total = total + v
print(total, total is int("253"))
