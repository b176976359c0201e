# Strings: counting words, reversing, palindromes and a Caesar cipher.

text = "the quick brown fox jumps over the lazy dog the end"
words = text.split()
print("words:", len(words))
print("characters:", len(text), "without spaces:", len(text.replace(" ", "")))
print("'the' appears", text.count("the"), "times; first at", text.find("the"), "last word at", text.rfind("end"))
print("longest word:", sorted([(len(w), w) for w in words])[-1][1])
print("title:", text.title())
print("upper:", text[:19].upper())
print("reversed words:", " ".join(words[::-1]))
print("reversed text:", text[::-1])

def is_palindrome(s):
    letters = [c.lower() for c in s if c.isalpha()]
    return letters == letters[::-1]

for candidate in ["racecar", "Never odd or even", "python", "A man, a plan, a canal: Panama", ""]:
    print(f"{candidate!r:34} palindrome? {is_palindrome(candidate)}")

def caesar(s, shift):
    out = []
    for c in s:
        if "a" <= c <= "z":
            out.append(chr((ord(c) - ord("a") + shift) % 26 + ord("a")))
        else:
            out.append(c)
    return "".join(out)

secret = caesar("attack at dawn", 3)
print("encrypted:", secret)
print("decrypted:", caesar(secret, -3))
print("vowels:", sum([1 for c in text if c in "aeiou"]))
print("capitalized:", [w.capitalize() for w in words[:4]])
print("starts with 'the':", text.startswith("the"), "ends with 'dog':", text.endswith("dog"))
print("strip:", "[" + "   padded   ".strip() + "]", "[" + "xxhixx".strip("x") + "]")

# expect: words: 11
# expect: characters: 51 without spaces: 41
# expect: 'the' appears 3 times; first at 0 last word at 48
# expect: longest word: quick
# expect: title: The Quick Brown Fox Jumps Over The Lazy Dog The End
# expect: upper: THE QUICK BROWN FOX
# expect: reversed words: end the dog lazy the over jumps fox brown quick the
# expect: reversed text: dne eht god yzal eht revo spmuj xof nworb kciuq eht
# expect: 'racecar'                          palindrome? True
# expect: 'Never odd or even'                palindrome? True
# expect: 'python'                           palindrome? False
# expect: 'A man, a plan, a canal: Panama'   palindrome? True
# expect: ''                                 palindrome? True
# expect: encrypted: dwwdfn dw gdzq
# expect: decrypted: attack at dawn
# expect: vowels: 13
# expect: capitalized: ['The', 'Quick', 'Brown', 'Fox']
# expect: starts with 'the': True ends with 'dog': False
# expect: strip: [padded] [hi]
