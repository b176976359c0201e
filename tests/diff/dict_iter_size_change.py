# A dict that grows or shrinks under its iterator: RuntimeError("dictionary
# changed size during iteration") at the next step (the last line). Before
# the fix tracevm walked on into the new keys until RAM ran out.
d = {1: "one", 2: "two"}
n = 0
for k in d:
    n += 1
print(n, d)
it = iter(d)
next(it)
d.pop(2)
d[2] = "again"                   # back to the same size: no error
print(list(it))
r = reversed(d.values())
print(next(r))
for k, v in d.items():
    print(k, v)
    d[k + 10] = v
