open("u.txt", "w").close()
open("u.txt").read("x")
