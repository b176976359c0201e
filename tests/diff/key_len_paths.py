# key=len (sorted, min, max) calls len's code directly: every sized type,
# the same refcounts, and the TypeError for an unsized item.
import sys
sized = ["abc", [1, 2], (1,), {"a": 1, "b": 2}, "", range(7), {"x": 1}.keys(), "héllo"]
print(max(sized, key=len), min(sized, key=len), [len(x) for x in sorted(sized, key=len)])
w = "keyword"
before = sys.getrefcount(w)
print(max([w, "k"], key=len) is w, sys.getrefcount(w) - before)
words = ["w" + str(i * 7919 % 10007) for i in range(3000)]
print(max(words, key=len), min(words, key=len), sorted(words, key=len)[:5], sorted(words, key=len, reverse=True)[:3])
print(max(["a", 5], key=len))       # TypeError: exit status 1 on both
