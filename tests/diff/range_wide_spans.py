# ranges from -2**63 up and from 2**63 - 1 down whose span passes
# 2**63 - 1: get_len_of_range counts them in unsigned arithmetic (a signed
# count overflowed: UBSan, found by the fuzzer), and a length past a C long
# comes from compute_range_length's slow path on ints. Indexes past
# 2**63 - 1 themselves are not supported by tracevm, so the ranges below
# are indexed within that (a length past it counted unsigned, as
# norm_index does), and the wide ones are made, tested for truth and
# walked.
r = range(-2 ** 63, 1)
print(r[0], bool(r), bool(range(1, -2 ** 63)))
print(r[-1], r[-(2 ** 63)], r[2 ** 63 - 1], r[-2])
r2 = range(-2 ** 63, 2 ** 63 - 1, 2 ** 62)
print(list(r2), r2[1], r2[-1], len(r2))
r3 = range(2 ** 63 - 1, -2 ** 63, -2 ** 62)
print(list(r3), len(r3), r3[0])
it = iter(range(-2 ** 63, 2 ** 63 - 1, 2 ** 63 - 1))
print(next(it), next(it), next(it), next(it, "end"))
