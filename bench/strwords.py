# bench/strwords.py: words made with + and str(), upper-cased, joined,
# then split, counted and replaced.
def main(n):
    words = []
    for i in range(n):
        w = "w" + str(i % 1000)
        words.append(w.upper())
    text = " ".join(words)
    return len(text.split()), text.count("W1"), len(text.replace("W", "ww"))

print(main(6000000))
# ir: print(main(50000))
