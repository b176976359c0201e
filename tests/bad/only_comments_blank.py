# tests/bad/only_comments_blank.py: only comments blank


   
# just a comment