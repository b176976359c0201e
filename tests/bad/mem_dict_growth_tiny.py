# tests/bad/mem_dict_growth_tiny.py: out of memory: dict growth tiny
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?mem_dict_growth_tiny\.py", line 9, in <module>
# expect-stderr: MemoryError
# expect-exit: 1
d = {}
for i in range(10 ** 7):
    d[i] = i
