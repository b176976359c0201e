# tests/bad/syn_mismatched_close.py: syntax error: mismatched close
# expect-stderr: syn_mismatched_close.py:4:10: SyntaxError: closing parenthesis ']' does not match opening parenthesis '('
# expect-exit: 2
x = (1, 2]
