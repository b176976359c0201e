import sys

def add_numbers(a, b):
    result = a + b
    return result

# Define two numbers
num1 = 10
num2 = 20

# Function call
sum_result = add_numbers(num1, num2)

# Checking memory usage
print("Memory used by num1:", sys.getsizeof(num1), "bytes")
print("Memory used by num2:", sys.getsizeof(num2), "bytes")
print("Memory used by sum_result:", sys.getsizeof(sum_result), "bytes")

# expect: Memory used by num1: 28 bytes
# expect: Memory used by num2: 28 bytes
# expect: Memory used by sum_result: 28 bytes

# expect[cpython-3.12-32bit,cpython-3.11-32bit]: Memory used by num1: 16 bytes
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: Memory used by num2: 16 bytes
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: Memory used by sum_result: 16 bytes
