# tests/bad/syn_empty_parens_op.py: syntax error: empty parens op
# expect-stderr: syn_empty_parens_op.py:4:8: SyntaxError: invalid syntax
# expect-exit: 2
x = ()+
