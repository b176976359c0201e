# tests/bad/rt_zerodiv_float.py: runtime error: zerodiv float
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_zerodiv_float\.py", line 6, in <module>
# expect-stderr: ZeroDivisionError: float division by zero
# expect-exit: 1
print(1.5 / 0.0)
