# tests/bad/syn_kw_in_alone.py: syntax error: kw in alone
# expect-stderr: syn_kw_in_alone.py:4:1: SyntaxError: invalid syntax
# expect-exit: 2
in x
