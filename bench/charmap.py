# bench/charmap.py: a string mapped char by char (ord, chr, append, join).
def main(n):
    t = 0
    s = "abcdefghijklmnopqrstuvwxyz" * 4
    for r in range(n):
        out = []
        for ch in s:
            out.append(chr((ord(ch) - 97 + r) % 26 + 97))
        t += ord("".join(out)[r % 100])
    return t

print(main(60000))
# ir: print(main(2000))
