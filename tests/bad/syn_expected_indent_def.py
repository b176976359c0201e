# tests/bad/syn_expected_indent_def.py: syntax error: expected indent def
# expect-stderr: syn_expected_indent_def.py:5:1: IndentationError: expected an indented block after function definition on line 4
# expect-exit: 2
def f():
return 1
