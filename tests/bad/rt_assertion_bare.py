# tests/bad/rt_assertion_bare.py: runtime error: assertion bare
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_assertion_bare\.py", line 6, in <module>
# expect-stderr: AssertionError
# expect-exit: 1
assert False
