# tests/bad/syn_unsupported_try.py: syntax error: unsupported try
# expect-stderr: syn_unsupported_try.py:4:1: SyntaxError: 'try' is not supported by tracevm
# expect-exit: 2
try:
    x = 1
except:
    pass
