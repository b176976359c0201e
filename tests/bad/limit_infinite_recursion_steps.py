# tests/bad/limit_infinite_recursion_steps.py: step limit: infinite recursion steps
# args: --max-steps 5000
# expect-stderr: tracevm: stopped after 5000 steps (--max-steps 5000): the program may loop forever
# expect-exit: 3
def f():
    while True:
        pass
f()
