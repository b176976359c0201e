# tests/diff/list_from_range.py: list(range(..)) and list.extend(range(..)),
# which vm/ops.c fills with the range's fields decoded once
# (extend_from_range) while they are small ints, then item by item with
# op_next. tests/fastpath.sh compares the ids of this run's ints (made by
# int_new_fast) with a traced run's (made by int_from_i64).
import sys

for r in [range(0), range(5), range(-3, 3), range(10, -10, -3), range(250, 270),
          range(2 ** 29, 2 ** 29 + 3), range(2 ** 59 - 2, 2 ** 59 + 2),
          range(2 ** 62, 2 ** 62 + 3), range(-2 ** 61, -2 ** 61 + 10, 4)]:
    xs = list(r)
    print(len(xs), xs[:4], xs[-2:], sys.getsizeof(xs))

ys = [1, 2]
ys.extend(range(500, 510))
print(ys, sys.getsizeof(ys))
big = list(range(300000))
print(len(big), big[-1], sum(big), sys.getsizeof(big))
