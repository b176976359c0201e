# tests/bad/syn_kw_def_no_parens.py: syntax error: kw def no parens
# expect-stderr: syn_kw_def_no_parens.py:4:6: SyntaxError: expected '('
# expect-exit: 2
def f:
    pass
