print(len("{:,}".format(-10 ** 4300)))
print(f"{10 ** 4300:_}")
