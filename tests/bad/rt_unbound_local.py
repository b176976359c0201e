# tests/bad/rt_unbound_local.py: runtime error: unbound local
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_unbound_local\.py", line 7, in f
# expect-stderr: UnboundLocalError: cannot access local variable 'x' where it is not associated with a value
# expect-exit: 1
def f():
    print(x)
    x = 1
f()
