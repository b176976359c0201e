# tests/bad/syn_kw_as_name.py: syntax error: kw as name
# expect-stderr: syn_kw_as_name.py:4:4: SyntaxError: invalid syntax
# expect-exit: 2
if = 3
