# Orders of ASCII str (vm/cpu.h str_compare_fast: the first chars, then
# the rest, then the lengths) against CPython's, for every operator:
# one char, a common first char, a prefix, the empty string, equal.
words = ["", "a", "b", "z", "A", "ab", "abc", "abd", "b", "ba", "aa", "a" * 20, "a" * 19 + "b", "~", " "]
ops = 0
for x in words:
    row = []
    for y in words:
        row.append(str(int(x < y)) + str(int(x <= y)) + str(int(x > y)) + str(int(x >= y)) + str(int(x == y)) + str(int(x != y)))
        ops += 6
    print(repr(x), " ".join(row))
ch = "m"
print("a" <= ch <= "z", "A" <= ch <= "Z", "n" < ch, ops)
