# tests/bad/mem_list_growth_tiny.py: out of memory: list growth tiny
# args: --profile tiny
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?mem_list_growth_tiny\.py", line 9, in <module>
# expect-stderr: MemoryError
# expect-exit: 1
x = []
while True:
    x.append([1, 2, 3, 4, 5])
