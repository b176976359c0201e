# tests/bad/syn_stray_backtick.py: syntax error: stray backtick
# expect-stderr: syn_stray_backtick.py:4:5: SyntaxError: invalid syntax
# expect-exit: 2
x = `5`
