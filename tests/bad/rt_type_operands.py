# tests/bad/rt_type_operands.py: runtime error: type operands
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_type_operands\.py", line 6, in <module>
# expect-stderr: TypeError: unsupported operand type(s) for +: 'int' and 'str'
# expect-exit: 1
print(1 + 'a')
