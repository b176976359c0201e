# tests/bad/mem_format_width_tiny.py: out of memory: format width tiny
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?mem_format_width_tiny\.py", line 7, in <module>
# expect-stderr: ValueError: formatted result is too long
# expect-exit: 1
print('{:>1000000000}'.format(1))
