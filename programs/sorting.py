# Sorting by hand: bubble sort and insertion sort, checked against sorted().

def bubble_sort(items):
    data = items[:]
    n = len(data)
    swaps = 0
    for i in range(n):
        swapped = False
        for j in range(n - 1 - i):
            if data[j] > data[j + 1]:
                data[j], data[j + 1] = data[j + 1], data[j]
                swaps += 1
                swapped = True
        if not swapped:
            break
    return data, swaps

def insertion_sort(items):
    data = list(items)
    for i in range(1, len(data)):
        key = data[i]
        j = i - 1
        while j >= 0 and data[j] > key:
            data[j + 1] = data[j]
            j -= 1
        data[j + 1] = key
    return data

numbers = [64, 34, 25, 12, 22, 11, 90, 5]
print("original: ", numbers)
result, swaps = bubble_sort(numbers)
print("bubble:   ", result, "after", swaps, "swaps")
print("insertion:", insertion_sort(numbers))
print("sorted(): ", sorted(numbers))
print("same as sorted():", result == sorted(numbers))
print("original unchanged:", numbers)
print("a copy, not the same list:", result is numbers)

words = ["pear", "apple", "fig", "banana", "cherry"]
print(insertion_sort(words))
print(bubble_sort(words)[0])
print(sorted(words, reverse=True))
already = [1, 2, 3, 4, 5]
print("already sorted needs", bubble_sort(already)[1], "swaps")

# expect: original:  [64, 34, 25, 12, 22, 11, 90, 5]
# expect: bubble:    [5, 11, 12, 22, 25, 34, 64, 90] after 21 swaps
# expect: insertion: [5, 11, 12, 22, 25, 34, 64, 90]
# expect: sorted():  [5, 11, 12, 22, 25, 34, 64, 90]
# expect: same as sorted(): True
# expect: original unchanged: [64, 34, 25, 12, 22, 11, 90, 5]
# expect: a copy, not the same list: False
# expect: ['apple', 'banana', 'cherry', 'fig', 'pear']
# expect: ['apple', 'banana', 'cherry', 'fig', 'pear']
# expect: ['pear', 'fig', 'cherry', 'banana', 'apple']
# expect: already sorted needs 0 swaps
