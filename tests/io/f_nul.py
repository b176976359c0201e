open("a\0b")
