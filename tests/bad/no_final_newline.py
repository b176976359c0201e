# tests/bad/no_final_newline.py: no final newline
# expect: no newline at the end
print('no newline at the end')