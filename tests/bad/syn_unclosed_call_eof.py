# tests/bad/syn_unclosed_call_eof.py: syntax error: unclosed call eof
# expect-stderr: syn_unclosed_call_eof.py:4:6: SyntaxError: '(' was never closed
# expect-exit: 2
print(
