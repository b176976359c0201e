# Iterating a str (for, enumerate, zip, comprehensions) gives each ASCII
# char's singleton from op_next_fast; wider text goes through op_next. 'ch
# in "([{"' tests short ASCII text in place, 'not xs' and 'if i % 2:' take
# the truth inline.
import sys
def balanced(s):
    stack = []
    pairs = {")": "(", "]": "[", "}": "{"}
    for ch in s:
        if ch in "([{":
            stack.append(ch)
        elif ch in ")]}":
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack
print([balanced(t) for t in ["(a[b]{c}d)", "((([]))", "{[()()]}", "", "]", "é(ü)", "日[本]"]])
text = "Hello, wörld 日本 ok"
print("".join([c.upper() if i % 2 else c.lower() for i, c in enumerate(text)]), list(zip("ab", "xyz")))
print([c for c in "abc"], [c for c in ""], [c is "abc"[k] for k, c in enumerate("abc")], sys.getrefcount("q"[0]) > 10)
print(not [], not [0], not "", not "x", not 0, not 7, not 2 ** 70, not 0.0, not None, not {}, not (1,))
n = 0
for i in range(-5, 5):
    if i % 3:
        n += 1
    if i:
        n += 10
    if 2 ** 64 * i:
        n += 100
print(n, "ab" in "xaby", "x" in "", "" in "abc", "é" in "café", "z" in "a" * 40 + "z")
