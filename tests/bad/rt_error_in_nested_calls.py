# tests/bad/rt_error_in_nested_calls.py: runtime error: error in nested calls
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_error_in_nested_calls\.py", line 11, in c
# expect-stderr: IndexError: list index out of range
# expect-exit: 1
def a(x):
    return b(x) + 1
def b(x):
    return c(x) * 2
def c(x):
    return x[10]
print(a([1, 2]))
