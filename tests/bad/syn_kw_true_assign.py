# tests/bad/syn_kw_true_assign.py: syntax error: kw true assign
# expect-stderr: syn_kw_true_assign.py:4:1: SyntaxError: cannot assign to True
# expect-exit: 2
True = 0
