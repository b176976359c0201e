# tests/bad/syn_kw_is_name.py: syntax error: kw is name
# expect-stderr: syn_kw_is_name.py:4:1: SyntaxError: invalid syntax
# expect-exit: 2
is = 1
