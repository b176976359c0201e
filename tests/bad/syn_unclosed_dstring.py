# tests/bad/syn_unclosed_dstring.py: syntax error: unclosed dstring
# expect-stderr: syn_unclosed_dstring.py:4:5: SyntaxError: unterminated string literal (detected at line 4)
# expect-exit: 2
s = "abc
