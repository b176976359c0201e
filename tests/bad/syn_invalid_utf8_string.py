# tests/bad/syn_invalid_utf8_string.py: syntax error: invalid utf8 string
# expect-stderr: syn_invalid_utf8_string.py:4:6: SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xc3 in position 5: invalid continuation byte
# expect-exit: 2
s = 'Ã('
