# tests/bad/crlf_lines.py: crlf lines
# expect: 1
x = 1
if x:
    print(x)
