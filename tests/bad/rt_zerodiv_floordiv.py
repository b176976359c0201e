# tests/bad/rt_zerodiv_floordiv.py: runtime error: zerodiv floordiv
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_zerodiv_floordiv\.py", line 6, in <module>
# expect-stderr: ZeroDivisionError: integer division or modulo by zero
# expect-exit: 1
print(7 // 0)
