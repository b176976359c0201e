# tests/bad/syn_kw_while_no_colon.py: syntax error: kw while no colon
# expect-stderr: syn_kw_while_no_colon.py:4:11: SyntaxError: expected ':'
# expect-exit: 2
while True
    pass
