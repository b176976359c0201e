# tests/bad/syn_surrogate_utf8.py: syntax error: surrogate utf8
# expect-stderr: syn_surrogate_utf8.py:4:6: SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xed in position 5: invalid continuation byte
# expect-exit: 2
s = 'í €'
