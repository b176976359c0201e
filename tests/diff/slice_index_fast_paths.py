# s[i] of ASCII text and x[i:j:k] with small int or None bounds and step
# take fast paths; bools, big ints and wider text take the general one.
# Every bound is clamped as CPython clamps it, for either sign of step.
import sys
seqs = ["", "a", "hello world", "héllo wörld", "日本語テキスト", [1, 2, 3, 4, 5], (10, 20, 30), list(range(40))]
bounds = [None, 0, 1, 2, -1, -2, 3, -3, 10, -10, 100, -100, True, False, 2 ** 62, -2 ** 62, 2 ** 70]
for s in seqs:
    out = []
    for i in bounds:
        for j in bounds:
            out.append(len(s[i:j]))
    print(sum(out), out[:20], s[1:-1], s[:-2], s[-3:])
steps = [None, 1, 2, 3, -1, -2, -3, 7, -7, True, 2 ** 62, -2 ** 62]
for s in seqs:
    acc = 0
    for i in bounds:
        for j in bounds:
            for k in steps:
                x = s[i:j:k]
                acc = (acc * 31 + len(x) + len(repr(x)) * 7) % 1000003
    print(acc, s[::-1], s[::2], s[-2::-3], s[1:8:-1])
text = "ASCII text, index by index"
print("".join(text[i] for i in range(len(text))), text[-1], text[-len(text)], text[True])
print(sys.getrefcount(text[3]) > 100, text[3] is "I", "é"[0] is "é", "日本"[1] == "本")
acc = 0
for k in range(2000):
    piece = text[k % 20:k % 20 + 5]
    acc += len(piece) + ord(piece[0]) if piece else 0
print(acc)
print(text[len(text)])              # IndexError: exit status 1 on both
