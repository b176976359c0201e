open("u.txt", "w").close()
open("u.txt", encoding="latin-1")
