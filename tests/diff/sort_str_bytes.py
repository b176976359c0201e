# Sorting keys that are all one-byte str (ASCII or Latin-1) compares their
# bytes, as CPython's unsafe_latin_compare; wider str or mixed keys take
# op_order. Equal strings (distinct objects) keep their order, reverse too.
words = []
x = 7
for i in range(4000):
    x = (x * 1103515245 + 12345) % 2147483648
    w = "w" + str(x % 300)
    if i % 9 == 0:
        w = w + "é"
    if i % 13 == 0:
        w = w[:1]
    if i % 17 == 0:
        w = ""
    words.append(w)
where = {}
for i, w in enumerate(words):
    where[id(w)] = where.get(id(w), i)
def order(seq):
    return sum((where[id(v)] + 1) * (k + 1) for k, v in enumerate(seq)) % 1000000007
print(order(sorted(words)), order(sorted(words, reverse=True)), sorted(words)[:4], sorted(words)[-3:])
print(sorted(["b", "a", "ab", "", "ÿ", "é", "Z", "aa", "a\x00"]), sorted(["b", "日本", "a", "é"]))
ys = words[:]
ys.sort(key=str.lower if False else len)
print(order(ys), max(words), min(words))
