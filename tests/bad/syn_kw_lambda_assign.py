# tests/bad/syn_kw_lambda_assign.py: syntax error: kw lambda assign
# expect-stderr: syn_kw_lambda_assign.py:4:1: SyntaxError: 'lambda' is not supported by tracevm
# expect-exit: 2
lambda = 1
