# A key function that changes the list being sorted: what it added is
# released and list.sort raises (allocated is no longer -1), even when
# it took the item out again.
t = [(1, 'b'), (0, 'a')]
def k(p):
    t.append(p)
    t.pop()
    return p[1]
print(sorted(t, key=k))
t.sort(key=k)
print(t)
