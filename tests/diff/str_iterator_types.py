# iter() of a str: str_ascii_iterator for an ASCII str, str_iterator
# (unicodeiterobject) for any other, as unicode_iter picks; same size.
import sys
for s in ["abc", "h\u00e9", "\u20ac!", ""]:
    it = iter(s)
    print(type(it), sys.getsizeof(it), list(it))
print([c for c in "na\u00efve"], "".join(reversed("na\u00efve")))
