# tests/bad/mem_str_repeat_tiny.py: out of memory: str repeat tiny
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?mem_str_repeat_tiny\.py", line 7, in <module>
# expect-stderr: MemoryError
# expect-exit: 1
x = 'a' * 100000000
