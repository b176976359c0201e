# tests/bad/syn_stray_backslash.py: syntax error: stray backslash
# expect-stderr: syn_stray_backslash.py:4:8: SyntaxError: unexpected character after line continuation character
# expect-exit: 2
x = 1 \ 2
