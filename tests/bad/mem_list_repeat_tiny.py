# tests/bad/mem_list_repeat_tiny.py: out of memory: list repeat tiny
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?mem_list_repeat_tiny\.py", line 7, in <module>
# expect-stderr: MemoryError
# expect-exit: 1
x = [0] * 10000000
