# tests/bad/syn_unsupported_class.py: syntax error: unsupported class
# expect-stderr: syn_unsupported_class.py:4:1: SyntaxError: 'class' is not supported by tracevm
# expect-exit: 2
class A:
    pass
