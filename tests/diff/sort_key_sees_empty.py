# list.sort holds its list while the keys are made and the items sorted
# (list_sort_impl): the list is empty then, without an item array and
# with allocated -1, so a key function sees [] (len 0, false, getsizeof
# one slot short of an empty list's) and anything it appends is released
# when the sort gives the list its items back. sorted() sorts a new list
# that no key function can reach. The objects the keys make, and their
# release in order (the tuple free list), leave the same ids behind.
import sys
m = [3, 1, 2]
def k(x):
    print(len(m), m, m == [], bool(m), m[:], list(m), m * 2)
    return x
m.sort(key=k)
print(m)
def k3(x):
    print(sys.getsizeof(m) - sys.getsizeof([]))
    return -x
m.sort(key=k3, reverse=True)
print(m)
big = [i * 7 % 13 for i in range(200)]
seen = []
def k4(x):
    seen.append(len(big))
    return (x % 5, x)
big.sort(key=k4)
print(big[:12], sum(seen), len(seen))
def k5(x):
    m.sort()                    # an empty list sorts as it is
    m.reverse()
    m.clear()                   # nothing to clear: still untouched
    return str(x)
m.sort(key=k5)
print(m)
def k7(x):
    return len(m) - x
s = sorted(m, key=k7)
print(s, m)
a = [str(i) * 3 for i in range(5)]
keys = []
def k6(x):
    t = (x, len(x))
    keys.append(id(t))
    return t
a.sort(key=k6, reverse=True)
print(a, len(keys))
after = [(i, i) for i in range(4)]
print([id(p) in keys for p in after])
