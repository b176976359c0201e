# tests/fastpath/nested_steps.py: the program's functions called from native
# code (sorted's and min's key=, map, list.sort), whose steps a nested loop
# counts. tests/fastpath.sh also stops this program at many --max-steps
# limits: the loops without hooks keep their step count in a local, so a
# nested run's steps not handed back would move where the untraced run
# stops, and its output would differ from the traced run's.
def key(x):
    return -x


def double(x):
    return x * 2


# a local MOVEd into a temporary and the JMPIF that tests it, which the
# loops without hooks run as one dispatch (only when both steps fit the
# limit; one step past it would change nothing this output shows)
def countdown(n):
    t = 0
    while n:
        n -= 1
        if n:
            t += n
    return t


print(countdown(40))


# chained comparisons in a while and an if: the last comparison, its JMP,
# the MOVE and the branch (or an ANDJMP, the POP of the middle operand,
# the MOVE and the branch) are one dispatch without hooks; so are
# LOADMETHOD, MOVE, CALLMETHOD and POP of seen.append(i)
def chains(n):
    t = 0
    i = 0
    seen = []
    while 0 <= i < n:
        if 2 <= i * 3 < 20:
            t += i
        seen.append(i)
        print("chain", i, t, len(seen))
        i += 1
    return t


print(chains(12))


# UNPACK and the MOVEs that take its items into locals, which the loops
# without hooks run as one dispatch (with the MOVE before it, for a local
# unpacked: c, e = pair): a limit may fall between them.
def unpacking(ws, d):
    t = 0
    for rep in range(25):
        for k, v in d.items():
            t += v
        for i, x in enumerate(ws):
            t += i * x
        q, r = divmod(t, 7)
        a, b = (r, q)
        pair = (q, r)
        c, e = pair
        # a filtered comprehension: FORITER, MOVE, a branch, LISTAPPEND
        ev = [x for x in ws if x > rep % 6]
        print(rep, t, a, b, c, e, ev)   # where a limit stops the run shows
    return t, a, b, k, v


print(unpacking([5, 3, 8, 1], {"a": 1, "b": 2, "c": 3}))
xs = [5, 3, 8, 1]
for i in range(30):
    ys = sorted(xs, key=key)
    zs = list(map(double, xs))
    m = min(xs, key=key)
    xs.sort(key=key)
    xs.append(i)
    print(i, ys[0], zs[0], m, len(xs))
