# tests/bad/syn_unsupported_closure.py: a nested function reading a variable of its enclosing function (a closure) is refused at compile time, where it ran into a NameError
# expect-stderr: syn_unsupported_closure.py:8:20: SyntaxError: closures are not supported by tracevm: 'n' is a variable of the enclosing function 'outer' (pass it as an argument, or define 'inner' at module level)
# expect-exit: 2
g = 1
def outer(n):
    def inner(k):
        # g is a global: no closure
        return k + n + g
    return inner(1)
print(outer(2))
