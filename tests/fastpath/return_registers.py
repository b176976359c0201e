# A RETURN in the loops without hooks releases only the registers the
# compiler knows can be in use there (Chunk.ret_regs): locals, temporaries
# live across statements (a loop's iterator, a with's context) and the
# result. Returns from inside loops, nested loops, while/for mixes, with
# blocks and comprehensions must release everything the traced loop does.
import sys

def first_big(xs):
    for x in xs:
        if x > 10:
            return x
    return None

def nested(n):
    for i in range(n):
        for j in range(i):
            if i * j > 6:
                return (i, j, [i, j])
    return ()

def mixed(xs):
    k = 0
    while k < 3:
        for x in xs:
            if x == k:
                return str(x) + "!"
        k += 1
    return "none"

def comp_return(n):
    return [i * i for i in range(n) if i % 2] + [n]

def deep(n):
    if n == 0:
        return [n]
    return deep(n - 1) + [n]

def with_return(path):
    with open(path, "w") as f:
        f.write("x")
        return len([f])

def args3(a, b, c):
    t = (a, b, c)
    return t[0] + t[1] * t[2]

big = [1000 + i for i in range(20)]
for r in range(3):
    print(first_big([1, 5, 50 + r, 7]), nested(5 + r), mixed([4, 1, 2]), comp_return(6 + r))
    print(deep(4), args3(r, 2000, 3), first_big(big) is big[0], sys.getrefcount(big[0]))
print(with_return("return_registers.txt"))
