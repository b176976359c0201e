# bench/kwcalls.py: calls with defaults and keyword arguments.
def f(x, y=2, z=3):
    return x * y + z

def main(n):
    t = 0
    for i in range(n):
        t += f(i) + f(i, 3) + f(i, z=1)
    return t % 1000003

print(main(3000000))
# ir: print(main(100000))
