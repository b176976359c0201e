# tests/bad/syn_unclosed_bracket.py: syntax error: unclosed bracket
# expect-stderr: syn_unclosed_bracket.py:4:5: SyntaxError: '[' was never closed
# expect-exit: 2
x = [1, 2,
     3
y = 4
