# tests/bad/syn_assign_to_literal.py: syntax error: assign to literal
# expect-stderr: syn_assign_to_literal.py:4:1: SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?
# expect-exit: 2
5 = x
