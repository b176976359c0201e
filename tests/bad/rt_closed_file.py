# tests/bad/rt_closed_file.py: runtime error: closed file
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_closed_file\.py", line 8, in <module>
# expect-stderr: ValueError: I/O operation on closed file.
# expect-exit: 1
f = open('x.txt', 'w')
f.close()
f.write('a')
