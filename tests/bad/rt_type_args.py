# tests/bad/rt_type_args.py: runtime error: type args
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_type_args\.py", line 8, in <module>
# expect-stderr: TypeError: f() takes 1 positional argument but 2 were given
# expect-exit: 1
def f(a):
    return a
f(1, 2)
