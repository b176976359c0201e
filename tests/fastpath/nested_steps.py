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


xs = [5, 3, 8, 1]
for i in range(30):
    ys = sorted(xs, key=key)
    zs = list(map(double, xs))
    m = min(xs, key=key)
    xs.sort(key=key)
    xs.append(i)
    print(i, ys[0], zs[0], m, len(xs))
