# tests/bad/rt_module_not_found.py: runtime error: module not found
# expect-stderr: rt_module_not_found.py:4:8: SyntaxError: import of module 'numpy' is not supported by tracevm (only 'sys' and 'sqlite3')
# expect-exit: 2
import numpy
