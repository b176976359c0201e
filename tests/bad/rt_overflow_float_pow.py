# tests/bad/rt_overflow_float_pow.py: runtime error: overflow float pow
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_overflow_float_pow\.py", line 6, in <module>
# expect-stderr: OverflowError: (34, 'Numerical result out of range')
# expect-exit: 1
print(2.0 ** 10000)
