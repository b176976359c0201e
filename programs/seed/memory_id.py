import sys

boxA = 'Pakistan'
print(f"Memory ID: {id(boxA)}")
boxA = 'America'
print(f"Memory ID (After reassigning new value): {id(boxA)}")

# expect-re: Memory ID: \d+
# expect-re: Memory ID \(After reassigning new value\): \d+
