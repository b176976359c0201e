# tests/bad/rt_key.py: runtime error: key
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_key\.py", line 7, in <module>
# expect-stderr: KeyError: 'b'
# expect-exit: 1
d = {'a': 1}
print(d['b'])
