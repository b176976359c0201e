# Write to a file
with open("data.txt", "w") as file:
    file.write("num1 = 10\nnum2 = 20\n")

# Later, read from the file
with open("data.txt", "r") as file:
    print(file.read())  # This retrieves the saved data

# expect: num1 = 10
# expect: num2 = 20
# expect:
