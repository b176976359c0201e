# tests/bad/rt_attribute.py: runtime error: attribute
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_attribute\.py", line 7, in <module>
# expect-stderr: AttributeError: 'int' object has no attribute 'foo'
# expect-exit: 1
x = 5
x.foo
