# tests/bad/syn_unclosed_triple.py: syntax error: unclosed triple
# expect-stderr: syn_unclosed_triple.py:4:5: SyntaxError: unterminated triple-quoted string literal (detected at line 6)
# expect-exit: 2
s = """abc

print(s)
