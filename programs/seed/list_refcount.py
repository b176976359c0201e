import sys

listA = ['Islamabad','Pakistan','Karachi', 100, 200]
print(f"Memory ID: {id(listA)} \n Reference Count: {sys.getrefcount(listA)}\nSize: {sys.getsizeof(listA)}")

# expect-re: Memory ID: \d+[ ]
# expect:  Reference Count: 2
# expect: Size: 104

# expect-re[cpython-3.12-32bit,cpython-3.11-32bit]: Memory ID: \d+[ ]
# expect[cpython-3.12-32bit,cpython-3.11-32bit]:  Reference Count: 2
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: Size: 52
