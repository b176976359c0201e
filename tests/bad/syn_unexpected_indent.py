# tests/bad/syn_unexpected_indent.py: syntax error: unexpected indent
# expect-stderr: syn_unexpected_indent.py:5:4: IndentationError: unexpected indent
# expect-exit: 2
x = 1
    y = 2
