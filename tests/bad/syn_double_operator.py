# tests/bad/syn_double_operator.py: syntax error: double operator
# expect-stderr: syn_double_operator.py:4:9: SyntaxError: invalid syntax
# expect-exit: 2
z = x * * y
