# tests/bad/syn_unmatched_close.py: syntax error: unmatched close
# expect-stderr: syn_unmatched_close.py:4:6: SyntaxError: unmatched ')'
# expect-exit: 2
x = 1)
