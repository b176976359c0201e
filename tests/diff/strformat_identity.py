# str.format of a template that is one field, with nothing written before
# it, hands back the str the field leaves as it is: build_string's writer
# turns overallocation off before the last field and, still empty, takes
# an exact str as its result (readonly), a conversion's str too. Anything
# written before the field (a literal, not an empty field) or after it
# makes a new str.
import sys
s = "ab" + str(12)
e = "x"[:0]
print("{0}".format(s) is s, "{:4}".format(s) is s, "{!s}".format(s) is s, "{}{}".format(s, "") is s,
      "{}x".format(s) is s, "{:5}".format(s) is s, "{!r}".format(s) is s, "{0[0]}".format([s]) is s)
print("{}{}".format("", s) is s, "{:.0}{}".format("abc", s) is s, "{:{}}".format(s, 4) is s, "{:.9}".format(s) is s)
print("{:s}".format(s) is s, "{:<4}".format(s) is s, "{0}{0}".format(e, s) is e, "{{}}{}".format(s) is s)
w = "h\u00e9" + str(1)
print("{}".format(w) is w, "{:3}".format(w) is w, "{:>4}".format(w), "{}{}".format(w, w))
d = {"k": s}
print("{k}".format(k=s) is s, "{0[k]}".format(d) is s, "{}".format(12), "{}".format(2.5), "{}".format(True))
u = "{}".format(s)
print(sys.getrefcount(s), sys.getrefcount(u))
