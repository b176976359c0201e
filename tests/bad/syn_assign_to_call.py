# tests/bad/syn_assign_to_call.py: syntax error: assign to call
# expect-stderr: syn_assign_to_call.py:4:1: SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
# expect-exit: 2
f() = 1
