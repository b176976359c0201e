# tests/bad/syn_stray_bang.py: syntax error: stray bang
# expect-stderr: syn_stray_bang.py:4:5: SyntaxError: invalid syntax
# expect-exit: 2
x = !5
