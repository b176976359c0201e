# tests/bad/syn_bad_number.py: syntax error: bad number
# expect-stderr: syn_bad_number.py:4:6: SyntaxError: invalid decimal literal
# expect-exit: 2
x = 1_
