# % and format() on ints at the int64 edges and past them (the digits come
# straight from int64 or through a big int), and str.format / % templates
# read in place (ASCII) or as code points (not ASCII).
edges = [0, 1, -1, 7, -7, 255, -255, 2**30 - 1, 2**30, -2**30, 2**62, 2**63 - 1, -2**63, 2**63, -2**63 - 1, 2**64, 10**30, -10**30]
for v in edges:
    print("%d|%i|%u|%x|%X|%o|%5d|%-5d|%05d|%+d|% d|%#x|%#o|%.3d" % (v, v, v, v, v, v, v, v, v, v, v, v, v, v))
    print(format(v, "d"), format(v, "x"), format(v, "X"), format(v, "o"), format(v, "b"), format(v, ","), format(v, "#x"), format(v, "+"))
    print("{}|{:d}|{:x}|{:>8}|{:08b}".format(v, v, v, v, v & 255))
print("%d %d" % (2.75, -2.75), "%x" % True, "%d" % False)
print("é%dé" % 5, "ü{}ü{}".format(1, "x"), "%s→%d" % ("a", -3))
print("{{}}{0}{1}{0}".format(-1, 2**70), "}}{{", "{}".format(True), "{:d}".format(True))
print("abc%%def%d" % 9, "%%", "x%sy" % "", "{}".format(""))
s = "item%d-%x"
t = "{}-{}"
acc = []
for i in range(-3, 300, 37):
    acc.append(s % (i, i))
    acc.append(t.format(s % (i, -i), i % 10))
print(",".join(acc))
