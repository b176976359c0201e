# tests/bad/syn_tabs_spaces.py: syntax error: tabs spaces
# expect-stderr: syn_tabs_spaces.py:6:1: TabError: inconsistent use of tabs and spaces in indentation
# expect-exit: 2
if True:
        x = 1
	y = 2
