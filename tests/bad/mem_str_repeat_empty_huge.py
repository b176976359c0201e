# tests/bad/mem_str_repeat_empty_huge.py: '' * 2**62 folds to '' at once
# (the folder used to copy nothing 2**62 times)
# expect: ''
# expect: ''
print(repr('' * (2 ** 62)))
print(repr((2 ** 62) * ''))
