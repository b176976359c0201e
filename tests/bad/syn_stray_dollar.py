# tests/bad/syn_stray_dollar.py: syntax error: stray dollar
# expect-stderr: syn_stray_dollar.py:4:5: SyntaxError: invalid syntax
# expect-exit: 2
x = $5
