# tests/diff/global_store_cache.py: module-level names through
# STOREGLOBAL's cache. A name only ever stored (a loop variable) is cached
# by its first store; a store that shadows a builtin, a del, and a store
# that adds a key (so the globals' keys object grows) must all be seen by
# the loads that follow.
total = 0
for i in range(50):
    total = total + i
print(i, total)

print(len("abc"))
for k in range(3):
    len = k * 10
    print(len)
del len
print(len("abcd"))

for j in range(40):
    globals_name_0 = j
    if j == 20:
        extra_a = 1
        extra_b = 2
        extra_c = 3
        extra_d = 4
        extra_e = 5
        extra_f = 6
        extra_g = 7
    last = j
print(globals_name_0, last, extra_a + extra_g)

x = 7000 + total
y = x
del x
x = 1
print(y - 7000, x, y is not x)
