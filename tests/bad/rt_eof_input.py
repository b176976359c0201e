# tests/bad/rt_eof_input.py: runtime error: eof input
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?rt_eof_input\.py", line 6, in <module>
# expect-stderr: EOFError: EOF when reading a line
# expect-exit: 1
input()
