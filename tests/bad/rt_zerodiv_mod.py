# tests/bad/rt_zerodiv_mod.py: runtime error: zerodiv mod
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_zerodiv_mod\.py", line 6, in <module>
# expect-stderr: ZeroDivisionError: integer modulo by zero
# expect-exit: 1
print(7 % 0)
