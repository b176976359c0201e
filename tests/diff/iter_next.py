# iter() and next(it[, default]) on every iterator tracevm has; next() past
# the end without a default raises StopIteration (the last line).
import sys
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"), next(it, None))
r = iter(range(3, 6))
print(next(r), list(r), next(r, -1))
e = enumerate("ab")
print(next(e), next(e), next(e, 0))
d = iter({"a": 1, "b": 2})
print(next(d), next(d))
s = iter("hi")
print(next(s), iter(s) is s, sys.getsizeof(iter([])), sys.getsizeof(iter(())), sys.getsizeof(iter("")))
z = zip([1], [2])
print(next(z), next(z, "end"))
try_it = iter([])
print(next(try_it))
