# tests/bad/syn_bad_number2.py: syntax error: bad number2
# expect-stderr: syn_bad_number2.py:4:6: SyntaxError: invalid hexadecimal literal
# expect-exit: 2
x = 0x
