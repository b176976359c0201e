import sys

numOne = 40
print(f"\nReference count of numOne(40) -> {sys.getrefcount(numOne)}\nMemory ID-> {id(numOne)}")
numTwo = 70
print(f"Reference count of numOne(70) -> {sys.getrefcount(numTwo)}\nMemory ID-> {id(numTwo)}")
numThree = numTwo
print(f"Reference count of numThree=numTwo -> {sys.getrefcount(numThree)}\nMemory ID-> {id(numThree)}")

# expect:
# expect: Reference count of numOne(40) -> 4294967295
# expect-re: Memory ID-> \d+
# expect: Reference count of numOne(70) -> 4294967295
# expect-re: Memory ID-> \d+
# expect: Reference count of numThree=numTwo -> 4294967295
# expect-re: Memory ID-> \d+

# expect[cpython-3.11-64bit,cpython-3.11-32bit]:
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: Reference count of numOne\(40\) -> 1000\d{6}
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: Memory ID-> \d+
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: Reference count of numOne\(70\) -> 1000\d{6}
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: Memory ID-> \d+
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: Reference count of numThree=numTwo -> 1000\d{6}
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: Memory ID-> \d+

# expect[cpython-3.12-32bit]:
# expect[cpython-3.12-32bit]: Reference count of numOne(40) -> 1073741823
# expect-re[cpython-3.12-32bit]: Memory ID-> \d+
# expect[cpython-3.12-32bit]: Reference count of numOne(70) -> 1073741823
# expect-re[cpython-3.12-32bit]: Memory ID-> \d+
# expect[cpython-3.12-32bit]: Reference count of numThree=numTwo -> 1073741823
# expect-re[cpython-3.12-32bit]: Memory ID-> \d+
