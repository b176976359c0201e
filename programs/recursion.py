# Recursion: factorial, Fibonacci (naive and remembered) and the towers of Hanoi.
import sys

def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)

for n in [0, 1, 5, 10, 20, 30]:
    print(f"{n}! = {factorial(n)}")
big = factorial(30)
print("30! has", len(str(big)), "digits and takes", sys.getsizeof(big), "bytes")
print("20! takes", sys.getsizeof(factorial(20)), "bytes; 12! takes", sys.getsizeof(factorial(12)))

calls = [0]

def fib(n):
    calls[0] += 1
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

print("fib(20) =", fib(20), "using", calls[0], "calls")

memo = {0: 0, 1: 1}

def fib_memo(n):
    if n not in memo:
        memo[n] = fib_memo(n - 1) + fib_memo(n - 2)
    return memo[n]

print("fib(90) =", fib_memo(90))
print([fib_memo(i) for i in range(15)])

moves = []

def hanoi(n, source, target, spare):
    if n == 0:
        return
    hanoi(n - 1, source, spare, target)
    moves.append((n, source, target))
    hanoi(n - 1, spare, target, source)

hanoi(3, "A", "C", "B")
for disk, a, b in moves:
    print(f"move disk {disk} from {a} to {b}")
moves = []
hanoi(10, "A", "C", "B")
print("10 disks need", len(moves), "moves =", 2 ** 10 - 1)

def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)

print("recursion depth reached:", depth(500))

# expect: 0! = 1
# expect: 1! = 1
# expect: 5! = 120
# expect: 10! = 3628800
# expect: 20! = 2432902008176640000
# expect: 30! = 265252859812191058636308480000000
# expect: 30! has 33 digits and takes 40 bytes
# expect: 20! takes 36 bytes; 12! takes 28
# expect: fib(20) = 6765 using 21891 calls
# expect: fib(90) = 2880067194370816120
# expect: [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377]
# expect: move disk 1 from A to C
# expect: move disk 2 from A to B
# expect: move disk 1 from C to B
# expect: move disk 3 from A to C
# expect: move disk 1 from B to A
# expect: move disk 2 from B to C
# expect: move disk 1 from A to C
# expect: 10 disks need 1023 moves = 1023
# expect: recursion depth reached: 500

# expect[cpython-3.12-32bit,cpython-3.11-32bit]: 0! = 1
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: 1! = 1
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: 5! = 120
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: 10! = 3628800
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: 20! = 2432902008176640000
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: 30! = 265252859812191058636308480000000
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: 30! has 33 digits and takes 28 bytes
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: 20! takes 24 bytes; 12! takes 16
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: fib(20) = 6765 using 21891 calls
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: fib(90) = 2880067194370816120
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377]
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: move disk 1 from A to C
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: move disk 2 from A to B
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: move disk 1 from C to B
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: move disk 3 from A to C
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: move disk 1 from B to A
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: move disk 2 from B to C
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: move disk 1 from A to C
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: 10 disks need 1023 moves = 1023
# expect[cpython-3.12-32bit,cpython-3.11-32bit]: recursion depth reached: 500
