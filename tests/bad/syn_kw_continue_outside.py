# tests/bad/syn_kw_continue_outside.py: syntax error: kw continue outside
# expect-stderr: syn_kw_continue_outside.py:4:1: SyntaxError: 'continue' not properly in loop
# expect-exit: 2
continue
