# tests/bad/syn_kw_return_outside.py: syntax error: kw return outside
# expect-stderr: syn_kw_return_outside.py:4:1: SyntaxError: 'return' outside function
# expect-exit: 2
return 5
