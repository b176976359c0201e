# FORITER's inline next (vm/cpu.h next_fast) against op_next: ranges of
# every step sign and size around the digit and int64 limits, list
# iterators over lists that change while they are iterated.
out = []
for r in [range(0), range(5), range(3, 20, 4), range(10, -10, -3), range(-5, 5),
          range(2 ** 30 - 2, 2 ** 30 + 2), range(2 ** 59, 2 ** 59 + 3),
          range(2 ** 60 - 2, 2 ** 60 + 2), range(2 ** 62, 2 ** 62 + 3),
          range(-(2 ** 60), -(2 ** 60) + 7, 3), range(0, 2 ** 61, 2 ** 59),
          range(0, -(2 ** 61), -(2 ** 59)), range(7, 7), range(255, 260)]:
    out.append([x for x in r])
    s = 0
    for x in r:
        s = s + x
    out.append(s)
xs = [1, 2, 3]
for x in xs:
    if x < 6:
        xs.append(x + 3)
out.append(xs)
ys = [5, 6, 7, 8]
seen = []
for y in ys:
    seen.append(y)
    if y == 6:
        ys.pop()
out.append(seen)
n = 0
for i in range(3):
    for j in range(i, 4):
        n = n * 7 + i * 4 + j
out.append(n)
for v in out:
    print(v)
