# tests/bad/syn_kw_elif_alone.py: syntax error: kw elif alone
# expect-stderr: syn_kw_elif_alone.py:5:1: SyntaxError: invalid syntax
# expect-exit: 2
x = 1
elif x:
    pass
