# Names are labels: two names, one list. Mutation is seen through every alias.

a = [1, 2, 3]
b = a
b.append(4)
print("a =", a, "b =", b)
print("a is b:", a is b, " same id:", id(a) == id(b))

c = a[:]
c.append(5)
print("a =", a, "c =", c)
print("a is c:", a is c, " a == c:", a == c)
c.pop()
print("after c.pop(): a == c:", a == c, " a is c:", a is c)

def add_item(lst, item):
    lst.append(item)
    return lst

result = add_item(a, 99)
print("the function changed the caller's list:", a)
print("and returned the same object:", result is a)

def rebind(lst):
    lst = [0]
    return lst

print("rebinding inside a function:", rebind(a), "a still", a)

x = [1, 2]
y = x
x = x + [3]
print("x = x + [3] makes a new list:", x, y, x is y)
x = y
x += [3]
print("x += [3] changes it in place:", x, y, x is y)

grid = [[0] * 3] * 3
grid[0][0] = 7
print("[[0] * 3] * 3 repeats one row:", grid)
print("rows are the same object:", grid[0] is grid[1])
grid = [[0] * 3 for i in range(3)]
grid[0][0] = 7
print("a comprehension makes separate rows:", grid)

t = ([1], [2])
t[0].append(10)
print("a tuple holding a list can still change:", t)

n = 10
m = n
n += 1
print("ints are immutable: n =", n, "m =", m)
s = "ab"
r = s
s += "c"
print("so are strings: s =", s, "r =", r, s is r)

# expect: a = [1, 2, 3, 4] b = [1, 2, 3, 4]
# expect: a is b: True  same id: True
# expect: a = [1, 2, 3, 4] c = [1, 2, 3, 4, 5]
# expect: a is c: False  a == c: False
# expect: after c.pop(): a == c: True  a is c: False
# expect: the function changed the caller's list: [1, 2, 3, 4, 99]
# expect: and returned the same object: True
# expect: rebinding inside a function: [0] a still [1, 2, 3, 4, 99]
# expect: x = x + [3] makes a new list: [1, 2, 3] [1, 2] False
# expect: x += [3] changes it in place: [1, 2, 3] [1, 2, 3] True
# expect: [[0] * 3] * 3 repeats one row: [[7, 0, 0], [7, 0, 0], [7, 0, 0]]
# expect: rows are the same object: True
# expect: a comprehension makes separate rows: [[7, 0, 0], [0, 0, 0], [0, 0, 0]]
# expect: a tuple holding a list can still change: ([1, 10], [2])
# expect: ints are immutable: n = 11 m = 10
# expect: so are strings: s = abc r = ab False
