# bench/textproc.py: text processing a character at a time (a Caesar
# cipher with ord/chr and str comparisons, iterating over a str, join),
# then palindromes, word counts and sorting by a key function.
TEXT = ("The quick brown fox jumps over the lazy dog. A man, a plan, a canal: Panama! "
        "Never odd or even. Was it a car or a cat I saw? racecar level noon civic radar")

def caesar(s, shift):
    out = []
    for ch in s:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - ord("a") + shift) % 26 + ord("a")))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - ord("A") + shift) % 26 + ord("A")))
        else:
            out.append(ch)
    return "".join(out)

def is_palindrome(word):
    cleaned = "".join([c for c in word.lower() if c.isalnum()])
    return len(cleaned) > 1 and cleaned == cleaned[::-1]

def by_count(kv):
    return (-kv[1], kv[0])

def main(rounds):
    enc = TEXT
    pals = 0
    freq = {}
    check = 0
    for r in range(rounds):
        enc = caesar(enc, 3 if r % 2 == 0 else 23)
        if r % 8 == 0:
            for w in enc.split():
                w = w.strip(".,:!?").lower()
                if is_palindrome(w):
                    pals += 1
                freq[w] = freq.get(w, 0) + 1
        check = (check * 131 + enc.count("e") + enc.find("q")) % 1000000007
    top = sorted(freq.items(), key=by_count)[:3]
    return enc == TEXT, pals, check, top

print(main(70000))
# ir: print(main(1400))
