# tests/bad/rt_assertion.py: runtime error: assertion
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_assertion\.py", line 6, in <module>
# expect-stderr: AssertionError: nope
# expect-exit: 1
assert 1 == 2, 'nope'
