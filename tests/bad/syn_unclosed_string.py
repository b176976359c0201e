# tests/bad/syn_unclosed_string.py: syntax error: unclosed string
# expect-stderr: syn_unclosed_string.py:4:5: SyntaxError: unterminated string literal (detected at line 4)
# expect-exit: 2
s = 'abc
print(s)
