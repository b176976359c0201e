# tests/bad/rt_zerodiv_pow.py: runtime error: zerodiv pow
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_zerodiv_pow\.py", line 6, in <module>
# expect-stderr: ZeroDivisionError: 0.0 cannot be raised to a negative power
# expect-exit: 1
print(0 ** -1)
