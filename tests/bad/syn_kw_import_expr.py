# tests/bad/syn_kw_import_expr.py: syntax error: kw import expr
# expect-stderr: syn_kw_import_expr.py:4:5: SyntaxError: invalid syntax
# expect-exit: 2
x = import
