# "%s" % s is s itself when that one conversion is the whole format and
# leaves the exact str as it is (no width beyond its length, no precision
# below it): CPython's PyUnicode_Format writes its last argument into an
# empty writer with overallocation off, which hands the str back. Text
# around it, a second conversion, padding, truncation or %r make a new str.
s = "ab" + str(12)
print("%4s" % s is s, "%.9s" % s is s, "%-4s" % s is s, "%s" % (s,) is s, "%s%s" % (s, "") is s)
print("x%s" % s is s, "%s" % s is s, "%5s" % s is s, "%.4s" % s is s, "%r" % s is s, "%s" % s == s)
e = "\u00e9t\u00e9" + str(1)
print("%s" % e is e, "%.3s" % e is e, "%%%s" % s is s, "%s%%" % s is s, "%.2s" % s)
