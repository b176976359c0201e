# tests/bad/syn_kw_nonlocal_module.py: syntax error: kw nonlocal module
# expect-stderr: syn_kw_nonlocal_module.py:4:1: SyntaxError: 'nonlocal' is not supported by tracevm
# expect-exit: 2
nonlocal x
