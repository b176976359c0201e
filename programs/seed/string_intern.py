import sys
bA = "Hello"

bB = "Hello"

bC = "Hello World"

print(f"\nMemory ID bA: {id(bA)}\nMemory ID bB: {id(bB)}\nMemory ID bC: {id(bC)}\n REF COUNT bA: {sys.getrefcount(bA)}\n REF COUNT bB: {sys.getrefcount(bB)}\n REF COUNT bC: {sys.getrefcount(bC)}")

# expect:
# expect-re: Memory ID bA: \d+
# expect-re: Memory ID bB: \d+
# expect-re: Memory ID bC: \d+
# expect:  REF COUNT bA: 4294967295
# expect:  REF COUNT bB: 4294967295
# expect:  REF COUNT bC: 4

# expect[cpython-3.12-32bit]:
# expect-re[cpython-3.12-32bit]: Memory ID bA: \d+
# expect-re[cpython-3.12-32bit]: Memory ID bB: \d+
# expect-re[cpython-3.12-32bit]: Memory ID bC: \d+
# expect[cpython-3.12-32bit]:  REF COUNT bA: 1073741823
# expect[cpython-3.12-32bit]:  REF COUNT bB: 1073741823
# expect[cpython-3.12-32bit]:  REF COUNT bC: 4

# expect[cpython-3.11-64bit,cpython-3.11-32bit]:
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: Memory ID bA: \d+
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: Memory ID bB: \d+
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: Memory ID bC: \d+
# expect[cpython-3.11-64bit,cpython-3.11-32bit]:  REF COUNT bA: 5
# expect[cpython-3.11-64bit,cpython-3.11-32bit]:  REF COUNT bB: 5
# expect[cpython-3.11-64bit,cpython-3.11-32bit]:  REF COUNT bC: 4
