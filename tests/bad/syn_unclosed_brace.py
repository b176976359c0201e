# tests/bad/syn_unclosed_brace.py: syntax error: unclosed brace
# expect-stderr: syn_unclosed_brace.py:4:5: SyntaxError: '{' was never closed
# expect-exit: 2
d = {1: 2
