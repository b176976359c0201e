import sys
arrA = ['Karachi','Islamabad','Poland','Netherlands']
print(f"\nMemory ID arrA-> {id(arrA)}\nReference Count arrA -> {sys.getrefcount(arrA)}")
arrB = arrA
print(f"Memory of ID arrB=arrA -> {id(arrB)}\nMemoryID arrB -> {sys.getrefcount(arrB)}")
arrC = ['Ireland','Canada', 'Switzerland']
print(f"\nMemory ID arrC-> {id(arrC)}\nReference Count arrC -> {sys.getrefcount(arrC)}")

arrD = ['Karachi','Islamabad','Poland','Netherlands']
print(f"\narrD is a new list by assigning the same values of arrA \nMemory ID arrD -> {id(arrD)}\nReference Count arrD-> {sys.getrefcount(arrD)}")

# expect:
# expect-re: Memory ID arrA-> \d+
# expect: Reference Count arrA -> 2
# expect-re: Memory of ID arrB=arrA -> \d+
# expect: MemoryID arrB -> 3
# expect:
# expect-re: Memory ID arrC-> \d+
# expect: Reference Count arrC -> 2
# expect:
# expect-re: arrD is a new list by assigning the same values of arrA[ ]
# expect-re: Memory ID arrD -> \d+
# expect: Reference Count arrD-> 2
