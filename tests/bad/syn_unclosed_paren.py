# tests/bad/syn_unclosed_paren.py: syntax error: unclosed paren
# expect-stderr: syn_unclosed_paren.py:4:6: SyntaxError: '(' was never closed
# expect-exit: 2
print((1, 2)
