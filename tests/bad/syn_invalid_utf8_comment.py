# tests/bad/syn_invalid_utf8_comment.py: syntax error: invalid utf8 comment
# expect-stderr: syn_invalid_utf8_comment.py:4:6: SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0xe9 in position 5: invalid continuation byte
# expect-exit: 2
# café
print(1)
