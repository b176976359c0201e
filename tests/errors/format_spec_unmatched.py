print("{!}".format(1))
