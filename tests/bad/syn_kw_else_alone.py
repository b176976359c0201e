# tests/bad/syn_kw_else_alone.py: syntax error: kw else alone
# expect-stderr: syn_kw_else_alone.py:4:1: SyntaxError: invalid syntax
# expect-exit: 2
else:
    pass
