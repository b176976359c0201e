/*
** heap/bigint_simd.h: the vector kernels of heap/bigint_digits.c, written
** once and compiled once per vector width (no include guard). The including
** file defines, for a vector of SIMD_LANES 32-bit digits:
**   SIMD_TARGET        the target attribute string ("avx2", "avx512f")
**   SIMD_NAME(x)       x with the width appended (mul1_vec -> mul1_vec8)
**   V                  the vector type
**   VK                 a struct with fields V m (the multiplier in each 64-bit
**                      lane), V mask (2**30 - 1 in each lane), V prev and
**                      uint64_t cin, plus what its primitives need
** and these primitives, as SIMD_TARGET inline functions:
**   V    SIMD_NAME(load)(const uint32_t *p), void SIMD_NAME(store)(uint32_t *p, V v)
**   VK   SIMD_NAME(make)(uint32_t m)
**   V    SIMD_NAME(lo_hi)(VK *k, V x, V *hi)   each digit's product's low half
**                                              (returned) and high half (*hi)
**   V    SIMD_NAME(below)(VK *k, V hi)         hi[j-1] in lane j, lane 0 from the
**                                              vector before (k->prev, updated)
**   V    SIMD_NAME(sum)(V a, V b)
**   uint64_t SIMD_NAME(gen)(VK *k, V s), SIMD_NAME(prop)(VK *k, V s)
**                                              lane bits of s > 2**30 - 1 and of
**                                              s == 2**30 - 1
**   V    SIMD_NAME(plus_carries)(VK *k, V s, unsigned bits)  s + 1 in the lanes
**                                              whose bit is set, kept to 30 bits
**   uint64_t SIMD_NAME(top_hi)(VK *k)          the last digit's high half
** The method is described above SIMD_BLOCK in heap/bigint_digits.c.
*/

#define SIMD_FN __attribute__((target(SIMD_TARGET), always_inline)) static inline

/* Stores s (s[i] < 2**31), and adds its G bits to g at vector v. */
SIMD_FN void SIMD_NAME(put)(VK *k, uint32_t *r, V s, unsigned v, uint64_t *g)
{
    SIMD_NAME(store)(r + SIMD_LANES * v, s);
    *g |= SIMD_NAME(gen)(k, s) << (SIMD_LANES * v);
}

/* The block's nv vectors at r: s[] plus the carries into each digit. With
** no G bit and no carry in, no digit receives one and s[] is the result:
** the common case of a small multiplier (a product's hi half is under it,
** so s[i] >= 2**30 only when lo[i] is within m of 2**30). Otherwise the P
** bits are read back from s[], and the carries added. */
SIMD_FN void SIMD_NAME(settle)(VK *k, uint32_t *r, uint64_t g, unsigned nv)
{
    if (!(g | k->cin)) return;
    uint64_t p = 0;
    for (unsigned v = 0; v < nv; v++)
        p |= SIMD_NAME(prop)(k, SIMD_NAME(load)(r + SIMD_LANES * v)) << (SIMD_LANES * v);
    uint64_t c = block_carries(g, p, SIMD_LANES * nv, &k->cin);
    for (unsigned v = 0; v < nv; v++) {
        uint32_t *q = r + SIMD_LANES * v;
        SIMD_NAME(store)(q, SIMD_NAME(plus_carries)(k, SIMD_NAME(load)(q), (unsigned)(c >> (SIMD_LANES * v))));
    }
}

SIMD_FN void SIMD_NAME(mul1_block)(VK *k, uint32_t *r, const uint32_t *a, unsigned nv)
{
    uint64_t g = 0;
    for (unsigned v = 0; v < nv; v++) {
        V hi, lo = SIMD_NAME(lo_hi)(k, SIMD_NAME(load)(a + SIMD_LANES * v), &hi);
        SIMD_NAME(put)(k, r, SIMD_NAME(sum)(lo, SIMD_NAME(below)(k, hi)), v, &g);
    }
    SIMD_NAME(settle)(k, r, g, nv);
}

SIMD_FN void SIMD_NAME(add_block)(VK *k, uint32_t *r, const uint32_t *a, const uint32_t *b, unsigned nv)
{
    uint64_t g = 0;
    for (unsigned v = 0; v < nv; v++)
        SIMD_NAME(put)(k, r, SIMD_NAME(sum)(SIMD_NAME(load)(a + SIMD_LANES * v), SIMD_NAME(load)(b + SIMD_LANES * v)), v, &g);
    SIMD_NAME(settle)(k, r, g, nv);
}

/* r = a * m over digits [0, i) for the largest multiple i of SIMD_LANES in
** n; *carry is what digit i receives (the last digit's hi half and the
** block's carry). */
__attribute__((target(SIMD_TARGET)))
static size_t SIMD_NAME(mul1_vec)(uint32_t *r, const uint32_t *a, size_t n, uint32_t m, uint64_t *carry)
{
    VK k = SIMD_NAME(make)(m);
    size_t i = 0;
    for (; i + SIMD_BLOCK <= n; i += SIMD_BLOCK) SIMD_NAME(mul1_block)(&k, r + i, a + i, SIMD_BLOCK / SIMD_LANES);
    unsigned nv = (unsigned)((n - i) / SIMD_LANES);
    if (nv) SIMD_NAME(mul1_block)(&k, r + i, a + i, nv);
    *carry = SIMD_NAME(top_hi)(&k) + k.cin;
    return i + SIMD_LANES * nv;
}

/* r = a + b over digits [0, i) for the largest multiple i of SIMD_LANES in
** n; *carry is the carry into digit i. */
__attribute__((target(SIMD_TARGET)))
static size_t SIMD_NAME(add_vec)(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n, uint64_t *carry)
{
    VK k = SIMD_NAME(make)(0);
    size_t i = 0;
    for (; i + SIMD_BLOCK <= n; i += SIMD_BLOCK) SIMD_NAME(add_block)(&k, r + i, a + i, b + i, SIMD_BLOCK / SIMD_LANES);
    unsigned nv = (unsigned)((n - i) / SIMD_LANES);
    if (nv) SIMD_NAME(add_block)(&k, r + i, a + i, b + i, nv);
    *carry = k.cin;
    return i + SIMD_LANES * nv;
}

#undef SIMD_FN
