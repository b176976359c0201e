# tests/bad/mem_str_repeat_huge.py: out of memory: str repeat huge
# expect-stderr: Traceback (most recent call last):
# expect-stderr: OverflowError: repeated string is too long
# expect-exit: 1
x = 'ab' * (2 ** 62)
