# tests/bad/rt_attribute_method.py: runtime error: attribute method
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_attribute_method\.py", line 6, in <module>
# expect-stderr: AttributeError: 'str' object has no attribute 'nosuch'
# expect-exit: 1
's'.nosuch()
