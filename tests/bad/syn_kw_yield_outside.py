# tests/bad/syn_kw_yield_outside.py: syntax error: kw yield outside
# expect-stderr: syn_kw_yield_outside.py:4:1: SyntaxError: 'yield' is not supported by tracevm
# expect-exit: 2
yield 5
