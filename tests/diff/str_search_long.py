# find, count and replace in strs longer than a few words (glibc's memmem
# for byte strs, one-char patterns counted in one pass): overlapping
# patterns count without overlap, starts and ends near the match, the
# match at the very end, latin-1 and wider strs, a limited count.
words = " ".join(["W" + str(i % 37) for i in range(400)])
print(len(words), words.count("W1"), words.count("W"), words.count("1 W"), words.find("W36", 100), words.rfind("W0"))
a = "a" * 101
print(a.count("aa"), a.count("aaa"), a.find("aaa", 99), a.find("aa", 99), a.find("a", 100), a.find("aa", 100), a.count("a", 50, 60))
tail = "x" * 200 + "needle"
print(tail.find("needle"), tail.find("needle", 194), tail.find("needle", 195), tail.count("needle", 0, 205), tail.endswith("needle"))
print(len(words.replace("W", "ww")), words.replace("W", "", 3)[:20], len(words.replace(" ", "")), words.replace("1 W", "|").count("|"))
lat = "é" + "ab" * 100 + "é"
wide = "\u20ac" + "ab" * 100 + "\u20ac"
print(lat.count("ab"), lat.find("bé"), wide.count("ab"), wide.find("b\u20ac"), len(lat.replace("a", "")), wide.replace("b", "c", 2)[:6])
print("ab" * 50 in "x" + "ab" * 60, ("ab" * 50 + "c") in "ab" * 60, words.index("W20"), "zz" * 40 + "z" in "z" * 81)
print(words.rfind("W1"), words.rfind("W1", 0, 100), words.rfind(""), "".rfind(""), "abc".rfind("", 1, 2), words.rindex("W36"), a.rfind("aa"), a.rfind("aaa", 0, 3))
print(words.count(" "), words.count("W", 10, 50), words.count("7", 1000), a.count("a", 101), lat.count("é"), wide.count("\u20ac"), "".count("a"))
