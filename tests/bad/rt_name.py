# tests/bad/rt_name.py: runtime error: name
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_name\.py", line 6, in <module>
# expect-stderr: NameError: name 'undefined_name' is not defined
# expect-exit: 1
print(undefined_name)
