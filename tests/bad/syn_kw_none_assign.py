# tests/bad/syn_kw_none_assign.py: syntax error: kw none assign
# expect-stderr: syn_kw_none_assign.py:4:1: SyntaxError: cannot assign to None
# expect-exit: 2
None = 1
