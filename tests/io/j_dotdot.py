open("../x.txt", "w")
