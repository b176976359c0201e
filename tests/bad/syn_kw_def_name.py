# tests/bad/syn_kw_def_name.py: syntax error: kw def name
# expect-stderr: syn_kw_def_name.py:4:5: SyntaxError: invalid syntax
# expect-exit: 2
def return():
    pass
