# tests/bad/rt_type_missing_arg.py: runtime error: type missing arg
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_type_missing_arg\.py", line 8, in <module>
# expect-stderr: TypeError: f() missing 1 required positional argument: 'b'
# expect-exit: 1
def f(a, b):
    return a
f(1)
