print("{0} {0!rr}".format(1))
