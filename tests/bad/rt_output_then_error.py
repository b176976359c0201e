# tests/bad/rt_output_then_error.py: runtime error: output then error
# expect: before
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_output_then_error\.py", line 8, in <module>
# expect-stderr: ZeroDivisionError: integer division or modulo by zero
# expect-exit: 1
print('before')
print(1 // 0)
print('after')
