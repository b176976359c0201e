# tests/bad/syn_stray_question.py: syntax error: stray question
# expect-stderr: syn_stray_question.py:4:6: SyntaxError: invalid syntax
# expect-exit: 2
x = 5?
