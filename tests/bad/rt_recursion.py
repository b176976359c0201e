# tests/bad/rt_recursion.py: runtime error: recursion
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_recursion\.py", line 7, in f
# expect-stderr: RecursionError: maximum recursion depth exceeded
# expect-exit: 1
def f(n):
    return f(n + 1)
f(0)
