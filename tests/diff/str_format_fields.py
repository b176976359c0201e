# str.format parsed as CPython parses it: field names with .attr and
# [key], conversions, nested specs (a str of their own), escapes, and
# each field of an exact str, int or float written straight into the
# result; a bool with a spec formats as its int.
xs = [4, 5, [6, 7]]
d = {"a": 1, 2: "two", " 1": 3, "-1": 4}
print("{0[1]} {0[2][1]} {1[a]} {1[2]} {1[ 1]} {1[-1]} {2.real} {x.imag}".format(xs, d, 9, x=3))
print("{[1]}|{.real.imag}|{!r:^9}|{!s:>4}|{!r}".format([1, 2], 5, "a", 1, "é"))
print("{} {} {} {}|{}|{}".format(1.5, -2, "s", None, (1,), [1, 2]))
print("{:>5}|{:^7}|{}|{:}|{:d}|{:x}".format(True, False, True, False, True, True))
print(f"{True:>5}|{False:^3}|{True}", format(True, "^10"), format(False, ""))
print("{:.3f} {:e} {:g} {:%} {:,} {:_x}".format(2.0, 3.5, 1e20, 0.25, 10 ** 20, 2 ** 40))
print("{0} {1} {0}|{x} {y:>4}|{0:{1}}".format("a", ">3", x=1, y="é"))
print("{:{}.{}}".format(3.14159, 9, 3), "{0:{a}}".format(5, a=4))
print("{0:{5}}|{1:=^{2}}|{3:>{4}}".format(5, "t", 9, 1, 6, 4), "{:{}}".format(1.25, 1.5), "{0:{1}}".format(7, ""))
print("a}}b{{c", "}}{{".format(), "日本{}語{{}}".format("é"), "{:日^7}".format("x"), "{:c}".format(65))
print("{}".format(10 ** 30), "{:>40}".format(-10 ** 30), "{:08.3f}".format(-1.5))
for i in range(3):
    s = "{}-{:x}/{:02d}".format("item%d" % i, i * 4095, i % 7)
    print(s, len(s), "{0}{0}".format(s)[::7])
