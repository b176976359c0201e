open("sub/../../x.txt")
