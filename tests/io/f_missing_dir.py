open("nodir/x.txt", "w")
