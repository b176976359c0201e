# int() of text: a sign and up to 18 digits are read in place (vm/builtins.c
# parse_int_text), everything else by the general path; the same ints,
# the cached small ones among them, either way.
import sys
texts = ["0", "7", "-0", "+0", "042", "-5", "-6", "256", "257", "-256", "999999999999999999",
         "-999999999999999999", "1000000000000000000", "9223372036854775807", "9223372036854775808",
         "-9223372036854775809", "1_000", " 12 ", "\t-3\n", "0" * 30 + "1", "+7_7"]
for t in texts:
    v = int(t)
    print(repr(t), v, v is int(str(v)) if -5 <= v <= 256 else "-", sys.getrefcount(v) > 2)
print(int("12", 8), int("ff", 16), int("0x1F", 0), int("-0b101", 0))
print(int("12a"))                   # ValueError: exit status 1 on both
