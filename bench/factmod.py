# bench/factmod.py: 3000! by repeated multiplication, many times, reduced
# modulo a prime, and its bit length.
def fact(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r

rounds = 1100
total = 0
f = 1
for k in range(rounds):
    f = fact(3000)
    total += f % 1000000007
print(total, f.bit_length())
# ir: rounds = 15
