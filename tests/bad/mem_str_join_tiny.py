# tests/bad/mem_str_join_tiny.py: out of memory: str join tiny
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?mem_str_join_tiny\.py", line 7, in <module>
# expect-stderr: MemoryError
# expect-exit: 1
''.join(['x' * 1000] * 100000)
