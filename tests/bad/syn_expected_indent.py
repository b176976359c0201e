# tests/bad/syn_expected_indent.py: syntax error: expected indent
# expect-stderr: syn_expected_indent.py:5:1: IndentationError: expected an indented block after 'if' statement on line 4
# expect-exit: 2
if True:
x = 1
