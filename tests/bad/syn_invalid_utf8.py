# tests/bad/syn_invalid_utf8.py: syntax error: invalid utf8
# expect-stderr: syn_invalid_utf8.py:5:1: SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte
# expect-exit: 2
x = 1
ÿþ = 2
