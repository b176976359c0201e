# tests/bad/syn_unindent_mismatch.py: syntax error: unindent mismatch
# expect-stderr: syn_unindent_mismatch.py:6:10: IndentationError: unindent does not match any outer indentation level
# expect-exit: 2
if True:
        x = 1
    y = 2
