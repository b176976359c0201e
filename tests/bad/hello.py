# tests/bad/hello.py: hello
# expect: hello
print('hello')
