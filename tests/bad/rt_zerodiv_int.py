# tests/bad/rt_zerodiv_int.py: runtime error: zerodiv int
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_zerodiv_int\.py", line 6, in <module>
# expect-stderr: ZeroDivisionError: division by zero
# expect-exit: 1
print(1 / 0)
