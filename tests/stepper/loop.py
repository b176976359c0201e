# About a million steps: the stepper must go anywhere in it at once.
total = 0
i = 0
while i < 150000:
    total = total + i
    i = i + 1
print(total)
