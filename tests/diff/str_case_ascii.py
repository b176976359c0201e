# tests/diff/str_case_ascii.py: upper() and lower() of ASCII text, which
# vm/lib_str.c converts eight bytes at a time: every ASCII char, at every
# alignment, and the neighbours of the letters (@ [ ` {).
s = "".join([chr(i) for i in range(128)])
print(s.upper() == "".join([chr(i - 32) if 97 <= i <= 122 else chr(i) for i in range(128)]))
print(s.lower() == "".join([chr(i + 32) if 65 <= i <= 90 else chr(i) for i in range(128)]))
for k in range(20):
    t = s[k:k + 23]
    print(t.upper() == "".join([chr(ord(ch) - 32) if "a" <= ch <= "z" else ch for ch in t]), end=" ")
    print(t.lower() == "".join([chr(ord(ch) + 32) if "A" <= ch <= "Z" else ch for ch in t]), end=" ")
print()
print("Hello World @[`{ 123 azAZ".upper(), "Hello World @[`{ 123 azAZ".lower())
