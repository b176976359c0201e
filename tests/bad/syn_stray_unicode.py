# tests/bad/syn_stray_unicode.py: syntax error: stray unicode
# expect-stderr: syn_stray_unicode.py:4:7: SyntaxError: invalid character '–' (U+2013)
# expect-exit: 2
x = 5 – 3
