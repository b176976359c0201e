# format specs read from an ASCII spec's own bytes or a UTF-8 copy (a
# non-ASCII fill), values from an ASCII str's bytes or a copy, results
# built in the VM's scratch buffer, also when formats nest ({x:{w}},
# str.format inside an f-string).
w = 8
for v in ["ab", "日本", "é", "", "x" * 12]:
    print(f"[{v:>6}] [{v:é^7}] [{v:*<{w}}] [{v:.1}]", "{:>5}|{:日<4}".format(v, v))
for n in [0, 7, -42, 123456789, 2 ** 70]:
    print(f"{n:,} {n:_x} {n:+08d} {n:é>12} {n:{w}} {'%s' % f'{n:x}':>10}")
for x in [0.5, -3.25, 1e20, 2.0 / 3]:
    print(f"{x:.3f} {x:10.2e} {x:→^12.1f} {x:%}", "{0:{1}.{2}f}".format(x, w, 2))
print(f"{'日本':→>{w}}", format("abc", "x^9"), format(255, "日>6x"))
print("{x:>{w}}|{y:{f}^{w}}|{0:{1}}|".format(7, 5, x=5, w=4, y="é", f="*"), "{:{}.{}}".format(3.14159, 9, 3))
print(f"{'s':d}")                    # ValueError: exit status 1 on both
