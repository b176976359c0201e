# tests/bad/syn_kw_del_literal.py: syntax error: kw del literal
# expect-stderr: syn_kw_del_literal.py:4:5: SyntaxError: cannot delete literal
# expect-exit: 2
del 5
