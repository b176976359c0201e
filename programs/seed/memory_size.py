import sys

listC: list = []
print(f"\nMemory Size of an empty list: {sys.getsizeof(listC)}")
listC = [100, 200, 400, 300, 900]
print(f"\nMemory size of a list with values: {sys.getsizeof(listC)}")

# expect:
# expect: Memory Size of an empty list: 56
# expect:
# expect: Memory size of a list with values: 104

# expect[cpython-3.12-32bit,cpython-3.11-32bit]:
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: Memory Size of an empty list: 28
# expect[cpython-3.12-32bit,cpython-3.11-32bit]:
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: Memory size of a list with values: 52
