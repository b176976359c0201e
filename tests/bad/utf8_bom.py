# tests/bad/utf8_bom.py: utf8 bom
# expect: bom
print('bom')
