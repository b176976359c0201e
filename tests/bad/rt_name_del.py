# tests/bad/rt_name_del.py: runtime error: name del
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_name_del\.py", line 8, in <module>
# expect-stderr: NameError: name 'x' is not defined
# expect-exit: 1
x = 1
del x
print(x)
