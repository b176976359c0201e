total = 0
print(totl)
