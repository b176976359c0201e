# A runtime error: dividing by zero stops the program with a traceback on
# stderr and exit status 1. Output printed before the error is kept.

def average(values):
    total = sum(values)
    return total / len(values)

print("average of [90, 85, 77]:", average([90, 85, 77]))
empty = []
print("now the average of an empty list...")
print("average:", average(empty))
print("this line is never reached")

# expect: average of [90, 85, 77]: 84.0
# expect: now the average of an empty list...
# expect-stderr: Traceback (most recent call last):
# expect-stderr-re:   File ".*zero_division\.py", line 11, in <module>
# expect-stderr-re:   File ".*zero_division\.py", line 6, in average
# expect-stderr: ZeroDivisionError: division by zero
# expect-exit: 1
