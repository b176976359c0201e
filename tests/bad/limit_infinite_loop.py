# tests/bad/limit_infinite_loop.py: step limit: infinite loop
# args: --max-steps 100000
# expect-stderr: tracevm: stopped after 100000 steps (--max-steps 100000): the program may loop forever
# expect-exit: 3
while True:
    pass
