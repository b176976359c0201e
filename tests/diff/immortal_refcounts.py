# oracle-skip: 3.11-64 (3.11 static objects start at 999999999 and still count live references: the numbers vary by build and run)
# getrefcount of immortal objects: small ints, None, True, False, the
# empty string and tuple, one-char strings (4294967295 / 1073741823 in 3.12).
import sys
print(sys.getrefcount(0), sys.getrefcount(1), sys.getrefcount(40), sys.getrefcount(256), sys.getrefcount(-5))
x = 70
y = x
print(sys.getrefcount(x), sys.getrefcount(int("70")), sys.getrefcount(x + 1))
print(sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
print(sys.getrefcount(""), sys.getrefcount(()), sys.getrefcount("a"), sys.getrefcount("é"), sys.getrefcount(chr(65)))
lst = [x] * 100
print(sys.getrefcount(x))
print(sys.getrefcount(int), sys.getrefcount(len) > 1)
print(sys.getrefcount(257))
