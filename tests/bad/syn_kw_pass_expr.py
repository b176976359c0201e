# tests/bad/syn_kw_pass_expr.py: syntax error: kw pass expr
# expect-stderr: syn_kw_pass_expr.py:4:5: SyntaxError: invalid syntax
# expect-exit: 2
x = pass
