# list.sort's merges as CPython's listsort does them (powersort's merge
# order, merge_lo / merge_hi, galloping, min_gallop carried between
# merges): with NaNs among floats '<' is not a total order, so the sorted
# list tells which comparisons ran. Random data, runs that gallop, tuples
# with NaNs, and sizes around minrun and the merge tree's shapes.
x = 987654321
def rnd():
    global x
    x = (x * 1103515245 + 12345) % 2147483648
    return x
nan = float("nan")
def floats(n, every):
    out = []
    for i in range(n):
        r = rnd()
        out.append(nan if r % every == 0 else (r % 1000) / 8.0)
    return out
def show(xs):
    s = 0
    for i in range(len(xs)):
        v = xs[i]
        s = (s * 31 + (7 if v != v else int(v * 8) + 11)) % 1000000007
    return s
for n, every in [(40, 5), (65, 7), (200, 3), (1000, 11), (5000, 13), (20000, 50), (70000, 400)]:
    xs = floats(n, every)
    print(n, show(sorted(xs)), show(sorted(xs, reverse=True)))
runs = []
for k in range(60):
    base = (rnd() % 50) / 2.0
    runs.extend([base + i * 0.5 for i in range(rnd() % 300)])
    runs.append(nan)
print(len(runs), show(sorted(runs)))
blocks = []
for k in range(200):
    blocks.extend([float(k % 17)] * 40 + [nan])
print(len(blocks), show(sorted(blocks)), show(sorted(blocks, reverse=True)))
tup = [((rnd() % 30) * 1.0 if rnd() % 9 else nan, i) for i in range(4000)]
st = sorted(tup)
print(sum(t[1] * (i + 1) for i, t in enumerate(st)) % 1000000007)
