age = 5
msg = "age: " + age
