# tests/bad/syn_kw_global_after_assign.py: syntax error: kw global after assign
# expect-stderr: syn_kw_global_after_assign.py:6:5: SyntaxError: name 'x' is assigned to before global declaration
# expect-exit: 2
def f():
    x = 1
    global x
f()
