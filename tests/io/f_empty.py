open("")
