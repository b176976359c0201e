# tests/bad/rt_type_not_callable.py: runtime error: type not callable
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_type_not_callable\.py", line 7, in <module>
# expect-stderr: TypeError: 'int' object is not callable
# expect-exit: 1
x = 5
x()
