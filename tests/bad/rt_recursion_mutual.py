# tests/bad/rt_recursion_mutual.py: runtime error: recursion mutual
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_recursion_mutual\.py", line 7, in a
# expect-stderr: RecursionError: maximum recursion depth exceeded
# expect-exit: 1
def a(n):
    return b(n)
def b(n):
    return a(n)
a(1)
