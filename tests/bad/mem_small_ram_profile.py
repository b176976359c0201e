# tests/bad/mem_small_ram_profile.py: out of memory: small ram profile
# args: --profile small_ram.yaml
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File "(.*/)?mem_small_ram_profile\.py", line 9, in <module>
# expect-stderr: MemoryError
# expect-exit: 1
x = []
while True:
    x.append(str(len(x)) * 10)
