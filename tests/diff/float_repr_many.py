# repr() and str() of floats across the magnitudes the exact 128-bit path
# takes (1e-5 .. 1e17) and around its edges: a logistic map, quotients of
# small ints, powers of two and their neighbours, decimal steps.
x = 0.3
out = []
for i in range(4000):
    x = 3.99 * x * (1 - x)
    out.append(repr(x * 10 ** (i % 23 - 6)))
for i in range(1, 400):
    out.append(str(i / 7) + " " + str(i / 1e5) + " " + str(2.0 ** (i % 80 - 20)))
for e in range(-20, 60):
    p = 2.0 ** e
    out.append(repr(p * (1 + 2 ** -52)) + " " + repr(p * (1 - 2 ** -53)))
s = 0.0
for i in range(3000):
    s += 0.1
    out.append(repr(s))
out.append(repr(1e-5) + " " + repr(1e17) + " " + repr(99999999999999990.0) + " " + repr(1e16) + " " + repr(9007199254740993.0))
h = 0
for t in out:
    for ch in t:
        h = (h * 31 + ord(ch)) % 1000000007
print(len(out), h)
print(out[:40])
print(out[4000:4020])
print(out[-200:])
