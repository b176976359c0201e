# FizzBuzz, then counting the words with a dict.

def fizzbuzz(n):
    if n % 15 == 0:
        return "FizzBuzz"
    elif n % 3 == 0:
        return "Fizz"
    elif n % 5 == 0:
        return "Buzz"
    return str(n)

for i in range(1, 16):
    print(fizzbuzz(i))

counts = {"Fizz": 0, "Buzz": 0, "FizzBuzz": 0}
for i in range(1, 101):
    word = fizzbuzz(i)
    if word in counts:
        counts[word] += 1
print(counts)
print(" ".join([fizzbuzz(i) for i in range(1, 21)]))
n = 1
while fizzbuzz(n) != "FizzBuzz" or n < 40:
    n += 1
print("first FizzBuzz from 40 on:", n)

# expect: 1
# expect: 2
# expect: Fizz
# expect: 4
# expect: Buzz
# expect: Fizz
# expect: 7
# expect: 8
# expect: Fizz
# expect: Buzz
# expect: 11
# expect: Fizz
# expect: 13
# expect: 14
# expect: FizzBuzz
# expect: {'Fizz': 27, 'Buzz': 14, 'FizzBuzz': 6}
# expect: 1 2 Fizz 4 Buzz Fizz 7 8 Fizz Buzz 11 Fizz 13 14 FizzBuzz 16 17 Fizz 19 Buzz
# expect: first FizzBuzz from 40 on: 45
