# tests/bad/syn_leading_zero.py: syntax error: leading zero
# expect-stderr: syn_leading_zero.py:4:5: SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers
# expect-exit: 2
x = 012
