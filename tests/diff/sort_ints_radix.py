# Sorting 256 or more int keys runs a stable radix sort on their values;
# it must give the order CPython's timsort gives: equal values (distinct
# objects) in their original order, reverse=True included, negatives,
# bools among ints, values up to 2**60, and key= results that are ints.
x = 12345
vals = []
for i in range(3000):
    x = (x * 1103515245 + 12345) % 2147483648
    r = x % 7
    if r == 0:
        vals.append(int(str(x % 50 + 1000)))            # equal values, distinct objects
    elif r == 1:
        vals.append(-(x % 100000))
    elif r == 2:
        vals.append(x % 3 == 0)                          # True/False among 0 and 1
    elif r == 3:
        vals.append(x % 2)
    elif r == 4:
        vals.append((x << 29) - 2 ** 59)
    else:
        vals.append(x % 300)
where = {}
for i, v in enumerate(vals):
    where[id(v)] = where.get(id(v), i)
def order(seq):
    return sum((where[id(v)] + 1) * (k + 1) for k, v in enumerate(seq)) % 1000000007
print(order(sorted(vals)), order(sorted(vals, reverse=True)), sorted(vals)[:5], sorted(vals)[-3:])
ys = vals[:]
ys.sort(key=abs)
print(order(ys), ys[:6])
ys.sort(key=len if False else abs, reverse=True)
print(order(ys), ys[:4])
small = vals[:200]
print(order(sorted(small)), order(sorted(small, reverse=True)))
print(sorted([3] * 300 + [2 ** 60 - 1, -2 ** 60 + 1])[-2:], sorted(range(1000, 0, -1))[:3])
