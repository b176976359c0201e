# tests/bad/syn_kw_walrus_statement.py: syntax error: kw walrus statement
# expect-stderr: syn_kw_walrus_statement.py:4:3: SyntaxError: ':=' (assignment expression) is not supported by tracevm
# expect-exit: 2
x := 5
