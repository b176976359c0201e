# tests/bad/syn_kw_for_no_in.py: syntax error: kw for no in
# expect-stderr: syn_kw_for_no_in.py:4:7: SyntaxError: invalid syntax
# expect-exit: 2
for x y:
    pass
