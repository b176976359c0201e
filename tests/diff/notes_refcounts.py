# The notes' examples (3.0-3.7) without the raw ids: what each prints.
import sys
listA = ['Islamabad', 'Pakistan', 'Karachi', 100, 200]
print(sys.getrefcount(listA), sys.getsizeof(listA))
cA = 1000
print(sys.getrefcount(cA))
cB = 1000
print(id(cA) == id(cB), sys.getrefcount(cA), sys.getrefcount(cB))
cXA = 20
cXB = 20
print(id(cXA) == id(cXB))
bA = "Hello"
bB = "Hello"
bC = "Hello World"
print(id(bA) == id(bB), id(bA) == id(bC), sys.getrefcount(bC))
arrA = ['Karachi', 'Islamabad', 'Poland', 'Netherlands']
print(sys.getrefcount(arrA))
arrB = arrA
print(id(arrB) == id(arrA), sys.getrefcount(arrB))
arrC = ['Ireland', 'Canada', 'Switzerland']
print(sys.getrefcount(arrC), sys.getsizeof(arrC))
arrD = ['Karachi', 'Islamabad', 'Poland', 'Netherlands']
print(id(arrD) == id(arrA), sys.getrefcount(arrD), sys.getsizeof(arrD))
boxA = 'Pakistan'
first = id(boxA)
boxA = 'America'
print(first == id(boxA))
listC = []
print(sys.getsizeof(listC))
listC = [100, 200, 400, 300, 900]
print(sys.getsizeof(listC))
num1 = 10
num2 = 20

def add_numbers(a, b):
    result = a + b
    return result

sum_result = add_numbers(num1, num2)
print(sys.getsizeof(num1), sys.getsizeof(num2), sys.getsizeof(sum_result))
