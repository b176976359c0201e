# t += 1 on a local that only one branch bound: UnboundLocalError, with the
# caret under the target (tracevm checks the local only where it may be unbound)
def f(n):
    if n:
        t = 1
    t += 1
    return t

def g(n):
    t = 0
    t += n
    while n > 0:
        t += n
        n -= 1
    return t

print(g(3))
print(f(1))
print(f(0))
