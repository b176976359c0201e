import sys
cA = 1000

print(sys.getrefcount(cA))

cB = 1000

print(f"cA Memory ID: {id(cA)}\ncB Memory ID: {id(cB)}\nREF COUNT cA: {sys.getrefcount(cA)}\nREF COUNT cB: {sys.getrefcount(cB)}")

cXA = 20

cXB = 20

print(f"cXA Memory ID: {id(cXA)}\ncXB Memory ID: {id(cXB)}\nREF COUNT cXA: {sys.getrefcount(cXA)}\nREF COUNT cXB: {sys.getrefcount(cXB)}")

# expect: 4
# expect-re: cA Memory ID: \d+
# expect-re: cB Memory ID: \d+
# expect: REF COUNT cA: 5
# expect: REF COUNT cB: 5
# expect-re: cXA Memory ID: \d+
# expect-re: cXB Memory ID: \d+
# expect: REF COUNT cXA: 4294967295
# expect: REF COUNT cXB: 4294967295

# expect[cpython-3.11-64bit,cpython-3.11-32bit]: 4
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: cA Memory ID: \d+
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: cB Memory ID: \d+
# expect[cpython-3.11-64bit,cpython-3.11-32bit]: REF COUNT cA: 5
# expect[cpython-3.11-64bit,cpython-3.11-32bit]: REF COUNT cB: 5
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: cXA Memory ID: \d+
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: cXB Memory ID: \d+
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: REF COUNT cXA: 1000\d{6}
# expect-re[cpython-3.11-64bit,cpython-3.11-32bit]: REF COUNT cXB: 1000\d{6}

# expect[cpython-3.12-32bit]: 4
# expect-re[cpython-3.12-32bit]: cA Memory ID: \d+
# expect-re[cpython-3.12-32bit]: cB Memory ID: \d+
# expect[cpython-3.12-32bit]: REF COUNT cA: 5
# expect[cpython-3.12-32bit]: REF COUNT cB: 5
# expect-re[cpython-3.12-32bit]: cXA Memory ID: \d+
# expect-re[cpython-3.12-32bit]: cXB Memory ID: \d+
# expect[cpython-3.12-32bit]: REF COUNT cXA: 1073741823
# expect[cpython-3.12-32bit]: REF COUNT cXB: 1073741823
