open()
