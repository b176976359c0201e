# tests/bad/mem_str_repeat_wraps.py: 16 chars * 2**62 is 2**66, which wrapped
# to 0 in the constant folder's size check (found by tests/fuzz.sh)
# expect-stderr: Traceback (most recent call last):
# expect-stderr: OverflowError: repeated string is too long
# expect-exit: 1
x = 'abng is too long' * (2 ** 62)
