# tests/bad/syn_expected_indent_eof.py: syntax error: expected indent eof
# expect-stderr: syn_expected_indent_eof.py:4:12: IndentationError: expected an indented block after 'while' statement on line 4
# expect-exit: 2
while True:
