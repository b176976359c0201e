# tests/bad/syn_kw_break_outside.py: syntax error: kw break outside
# expect-stderr: syn_kw_break_outside.py:4:1: SyntaxError: 'break' outside loop
# expect-exit: 2
break
