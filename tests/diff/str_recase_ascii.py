# title(), capitalize() and swapcase(): ASCII text goes byte to byte into
# a fresh string; anything wider takes the code point path. Both must give
# CPython's text, and a fresh object even for one character. (Letters
# beyond Latin-1, and ÿ, ß and µ, whose cases leave it, are not covered:
# tracevm's case mapping stops at Latin-1.)
import sys
words = ["", "a", "A", "z", "hello world", "HELLO WORLD", "hello, WORLD! it's 3rd-class",
         "o'neil mcdonald x1y2z3", "  leading and trailing  ", "tab\tand\nnewline", "123abc",
         "àé mixed ascii", "ÀÉ MIXED", "x÷y×z"]
for w in words:
    print(repr(w.title()), repr(w.capitalize()), repr(w.swapcase()))
one = "q".title()
print(one == "Q", sys.getrefcount(one), sys.getsizeof("hello world".title()), sys.getsizeof("é".title()))
total = 0
for i in range(3000):
    s = "the %dth item of a LIST, said o'brien" % i
    total += len(s.title()) + s.swapcase().count("S") + ord(s.capitalize()[0])
print(total)
