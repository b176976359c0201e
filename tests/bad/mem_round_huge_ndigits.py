# tests/bad/mem_round_huge_ndigits.py: out of memory: round huge ndigits
# args: --profile tiny
# timeout: 5
# expect-stderr: Traceback (most recent call last):
# expect-stderr: MemoryError
# expect-exit: 1
print(round(12345, -2 ** 62))
