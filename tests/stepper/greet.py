name = input("name? ")
n = int(input())
print("hello", name, n * 2)
