# tests/bad/limit_infinite_loop_output.py: step limit: infinite loop output
# args: --max-steps 15000
# expect: 1000
# expect-stderr: tracevm: stopped after 15000 steps (--max-steps 15000): the program may loop forever
# expect-exit: 3
i = 0
while True:
    i += 1
    if i % 1000 == 0:
        print(i)
