# tests/bad/syn_unclosed_fstring.py: syntax error: unclosed fstring
# expect-stderr: syn_unclosed_fstring.py:5:5: SyntaxError: unterminated string literal (detected at line 5)
# expect-exit: 2
x = 1
s = f"{x
