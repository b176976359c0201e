# tests/bad/syn_missing_operand.py: syntax error: missing operand
# expect-stderr: syn_missing_operand.py:4:8: SyntaxError: invalid syntax
# expect-exit: 2
x = 1 +
