# tests/bad/rt_value_neg_shift.py: runtime error: value neg shift
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_value_neg_shift\.py", line 6, in <module>
# expect-stderr: ValueError: negative shift count
# expect-exit: 1
print(1 << -1)
