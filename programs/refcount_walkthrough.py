# Reference counting, step by step. sys.getrefcount(x) counts its own
# argument too, so a list held by one name shows 2.
import sys

fruits = ["apple", "banana", "cherry"]
print("one name:", sys.getrefcount(fruits))
basket = fruits
print("a second name:", sys.getrefcount(fruits))
shelf = [fruits, fruits]
print("two slots in another list:", sys.getrefcount(fruits))
box = (fruits,)
print("one slot in a tuple:", sys.getrefcount(fruits))
stock = {"f": fruits}
print("a dict value:", sys.getrefcount(fruits))

del basket
print("del basket:", sys.getrefcount(fruits))
shelf.pop()
print("shelf.pop():", sys.getrefcount(fruits))
shelf = []
print("shelf rebound to a new list:", sys.getrefcount(fruits))
box = None
stock = None
print("tuple and dict gone:", sys.getrefcount(fruits))

def look(items):
    return sys.getrefcount(items)

def look_deeper(items):
    return look(items)

print("inside a function (the parameter is one more):", look(fruits))
print("two calls deep:", look_deeper(fruits))
print("back outside:", sys.getrefcount(fruits))

def make():
    fresh = [1, 2, 3]
    return sys.getrefcount(fresh)

print("a local list inside a function:", make())
print("a temporary list:", sys.getrefcount([1, 2, 3]))

for item in [fruits]:
    print("the loop variable and the loop's list:", sys.getrefcount(fruits))
print("after the loop the name 'item' still holds it:", sys.getrefcount(fruits))
del item
print("del item:", sys.getrefcount(fruits))

big = 123456789
print("a big int constant (code constants + parser + name + argument):", sys.getrefcount(big))
also = 123456789
print("a second name for the same constant:", sys.getrefcount(big))
made = int("987654321")
print("an int made at run time:", sys.getrefcount(made))
text = "not an identifier!"
print("a string constant:", sys.getrefcount(text))
joined = text + "?"
print("a string made at run time:", sys.getrefcount(joined))

# expect: one name: 2
# expect: a second name: 3
# expect: two slots in another list: 5
# expect: one slot in a tuple: 6
# expect: a dict value: 7
# expect: del basket: 6
# expect: shelf.pop(): 5
# expect: shelf rebound to a new list: 4
# expect: tuple and dict gone: 2
# expect: inside a function (the parameter is one more): 3
# expect: two calls deep: 4
# expect: back outside: 2
# expect: a local list inside a function: 2
# expect: a temporary list: 1
# expect: the loop variable and the loop's list: 4
# expect: after the loop the name 'item' still holds it: 3
# expect: del item: 2
# expect: a big int constant (code constants + parser + name + argument): 4
# expect: a second name for the same constant: 5
# expect: an int made at run time: 2
# expect: a string constant: 4
# expect: a string made at run time: 2
