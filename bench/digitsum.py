# bench/digitsum.py: big ints read digit by digit (% 10, //= 10), and big sums (Fibonacci).
def main(n):
    p = 1
    for i in range(2, n):
        p *= i
    s = 0
    q = p
    while q:
        s += q % 10
        q //= 10
    a, b = 0, 1
    for i in range(10 * n):
        a, b = b, a + b
    return s, a % 1000000007

print(main(9000))
# ir: print(main(600))
