# tests/bad/syn_tabs_spaces2.py: syntax error: tabs spaces2
# expect-stderr: syn_tabs_spaces2.py:7:1: TabError: inconsistent use of tabs and spaces in indentation
# expect-exit: 2
def f():
	if True:
	        return 1
        return 2
