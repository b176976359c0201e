/*
** heap/bigint_digits.c: the digit loops of heap/bigint.c that run once per
** digit of a long int and so decide its speed: a + b (big_digits_add),
** and a * m, a / m, a % m for a one-digit m (big_digits_mul1,
** big_digits_divrem1, big_digits_mod1). Each has a plain C loop and, for
** long ints, a faster way to the same digits: vector instructions where the
** CPU has them (heap/bigint_simd.h), or division as independent chains.
*/
#include "heap/bigint.h"

#include <assert.h>
#include <string.h>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define TRACEVM_X86_SIMD 1
#include <immintrin.h>
#endif

__extension__ typedef unsigned __int128 u128;   /* GCC and clang on 64-bit hosts */

/* ---------------------------------------------------------------------- */
/* addition                                                                */

/* big_digits_add from digit i on, with the carry into digit i. */
static uint32_t add_scalar(uint32_t *r, const uint32_t *a, size_t na, const uint32_t *b, size_t nb, size_t i, uint64_t carry)
{
    /* two digits a step: packed into 60 bits of a word, the carry between
    ** them is the hardware's, which halves the carry chain (CPython's
    ** x_add takes a step per digit) */
    for (; i + 2 <= nb; i += 2) {
        uint64_t s = ((uint64_t)a[i + 1] << BIG_SHIFT | a[i]) + ((uint64_t)b[i + 1] << BIG_SHIFT | b[i]) + carry;
        r[i] = (uint32_t)(s & BIG_MASK);
        r[i + 1] = (uint32_t)(s >> BIG_SHIFT & BIG_MASK);
        carry = s >> 2 * BIG_SHIFT;
    }
    if (i < nb) {
        carry += (uint64_t)a[i] + b[i];
        r[i] = (uint32_t)(carry & BIG_MASK);
        carry >>= BIG_SHIFT;
        i++;
    }
    for (; carry && i < na; i++) {      /* the carry into a's own digits dies out soon */
        carry += a[i];
        r[i] = (uint32_t)(carry & BIG_MASK);
        carry >>= BIG_SHIFT;
    }
    if (i < na && r != a) memcpy(r + i, a + i, (na - i) * sizeof *r);
    return (uint32_t)carry;
}

/* ---------------------------------------------------------------------- */
/* multiplication by one digit                                             */

/*
** r[0..n) = the low n digits of a * m (m < 2**30); returns the digit carried
** out. x_mul's loop is one chain (add the product, keep 30 bits, shift the
** carry), so a CPU runs it at the chain's latency, about two cycles a digit.
** Two halves run as two chains side by side, and the low half's carry then
** goes into the high half: the same digits in about half the time.
*/
static uint32_t mul1_scalar(uint32_t *r, const uint32_t *a, size_t n, uint64_t m, uint64_t carry)
{
    size_t half = n / 2;
    const uint32_t *ah = a + half;
    uint32_t *rh = r + half;
    uint64_t lo = carry, hi = 0;
    for (size_t i = 0; i < half; i++) {
        lo += a[i] * m;
        hi += ah[i] * m;
        r[i] = (uint32_t)(lo & BIG_MASK);
        rh[i] = (uint32_t)(hi & BIG_MASK);
        lo >>= BIG_SHIFT;
        hi >>= BIG_SHIFT;
    }
    if (n & 1) {
        hi += a[n - 1] * m;
        r[n - 1] = (uint32_t)(hi & BIG_MASK);
        hi >>= BIG_SHIFT;
    }
    for (size_t i = half; lo && i < n; i++) {     /* lo < m + 1: it dies out within a digit or two */
        lo += r[i];
        r[i] = (uint32_t)(lo & BIG_MASK);
        lo >>= BIG_SHIFT;
    }
    return (uint32_t)(hi + lo);
}

#ifdef TRACEVM_X86_SIMD
/*
** The same with vector instructions, without a carry chain through the
** digits. Digit i's product a[i]*m is lo[i] + hi[i] * 2**30 with both
** halves under 2**30, so s[i] = lo[i] + hi[i-1] is under 2**31 and the
** result digit is s[i] plus a carry bit c[i], kept to 30 bits (a sum of two
** digits is such an s[i] too: big_digits_add). A digit passes a carry on
** when s[i] >= 2**30 (it generates one: bit G) or when s[i] == 2**30 - 1
** and one comes in (it propagates one: bit P); s[i] + 1 stays under
** 2**31 - 1, so no carry is ever 2. With G and P as 64-bit masks over a
** block of 64 digits, the carries into all of them are one addition,
** ((G << 1 | carry in) + P) ^ P, as in a carry-lookahead adder: the serial
** part is one 64-bit addition a block.
*/
#define SIMD_BLOCK 64

/* The carries into each of a block's 'nd' digits (bit i for digit i), and
** in *cin the carry out of the block (it was the carry into it). */
static inline uint64_t block_carries(uint64_t g, uint64_t p, unsigned nd, uint64_t *cin)
{
    uint64_t x = g << 1 | *cin, sum = x + p, c = sum ^ p;
    *cin = nd == 64 ? (g >> 63) | (sum < x) : c >> nd & 1;
    return c;
}

/* AVX2: eight digits a vector. */
typedef struct Vec8 {
    __m256i m, mask, up, bits;
    __m256i prev;           /* lane 0: the hi half of the digit before the next vector */
    uint64_t cin;           /* the carry into the next block */
} Vec8;

#define AVX2_FN __attribute__((target("avx2"), always_inline)) static inline
AVX2_FN __m256i load8(const uint32_t *p) { return _mm256_loadu_si256((const __m256i *)p); }
AVX2_FN void store8(uint32_t *p, __m256i v) { _mm256_storeu_si256((__m256i *)p, v); }
AVX2_FN __m256i sum8(__m256i a, __m256i b) { return _mm256_add_epi32(a, b); }

AVX2_FN Vec8 make8(uint32_t m)
{
    Vec8 k = {
        .m = _mm256_set1_epi64x(m), .mask = _mm256_set1_epi32((int)BIG_MASK),
        .up = _mm256_setr_epi32(7, 0, 1, 2, 3, 4, 5, 6), .bits = _mm256_setr_epi32(1, 2, 4, 8, 16, 32, 64, 128),
        .prev = _mm256_setzero_si256(), .cin = 0,
    };
    return k;
}

/* Each product's halves into its digit's lane: an odd lane's product lies
** one dword up, so its hi half is od << 2 (products < 2**60). */
AVX2_FN __m256i lo_hi8(Vec8 *k, __m256i x, __m256i *hi)
{
    __m256i ev = _mm256_mul_epu32(x, k->m), od = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), k->m);
    *hi = _mm256_blend_epi32(_mm256_srli_epi64(ev, BIG_SHIFT), _mm256_slli_epi64(od, 32 - BIG_SHIFT), 0xAA);
    return _mm256_and_si256(_mm256_blend_epi32(ev, _mm256_slli_epi64(od, 32), 0xAA), k->mask);
}

AVX2_FN __m256i below8(Vec8 *k, __m256i hi)
{
    __m256i rot = _mm256_permutevar8x32_epi32(hi, k->up);         /* hi[j-1] in lane j; hi[7] in lane 0 */
    __m256i v = _mm256_blend_epi32(rot, k->prev, 1);
    k->prev = rot;
    return v;
}

AVX2_FN uint64_t gen8(Vec8 *k, __m256i s)
{
    (void)k;
    return (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_slli_epi32(s, 1)));
}

AVX2_FN uint64_t prop8(Vec8 *k, __m256i s)
{
    return (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(s, k->mask)));
}

AVX2_FN __m256i plus_carries8(Vec8 *k, __m256i s, unsigned bits)
{
    __m256i cv = _mm256_set1_epi32((int)(bits & 0xFF));
    __m256i one = _mm256_cmpeq_epi32(_mm256_and_si256(cv, k->bits), k->bits);     /* -1 where a carry comes in */
    return _mm256_and_si256(_mm256_sub_epi32(s, one), k->mask);
}

AVX2_FN uint64_t top_hi8(Vec8 *k) { return (uint32_t)_mm256_cvtsi256_si32(k->prev); }

#define SIMD_TARGET "avx2"
#define SIMD_LANES 8
#define SIMD_NAME(x) x##8
#define V __m256i
#define VK Vec8
#include "heap/bigint_simd.h"
#undef SIMD_TARGET
#undef SIMD_LANES
#undef SIMD_NAME
#undef V
#undef VK

/* AVX-512F: sixteen digits a vector; valignd brings each digit the hi
** half of the one below, compares give G and P as masks, a masked add the
** carries. */
typedef struct Vec16 {
    __m512i m, mask, one;
    __m512i prev;           /* lane 15: the hi half of the digit before the next vector */
    uint64_t cin;           /* the carry into the next block */
} Vec16;

#define AVX512_FN __attribute__((target("avx512f"), always_inline)) static inline
AVX512_FN __m512i load16(const uint32_t *p) { return _mm512_loadu_si512(p); }
AVX512_FN void store16(uint32_t *p, __m512i v) { _mm512_storeu_si512(p, v); }
AVX512_FN __m512i sum16(__m512i a, __m512i b) { return _mm512_add_epi32(a, b); }

AVX512_FN Vec16 make16(uint32_t m)
{
    Vec16 k = {
        .m = _mm512_set1_epi64(m), .mask = _mm512_set1_epi32((int)BIG_MASK), .one = _mm512_set1_epi32(1),
        .prev = _mm512_setzero_si512(), .cin = 0,
    };
    return k;
}

AVX512_FN __m512i lo_hi16(Vec16 *k, __m512i x, __m512i *hi)
{
    __m512i ev = _mm512_mul_epu32(x, k->m), od = _mm512_mul_epu32(_mm512_srli_epi64(x, 32), k->m);
    *hi = _mm512_mask_blend_epi32(0xAAAA, _mm512_srli_epi64(ev, BIG_SHIFT), _mm512_slli_epi64(od, 32 - BIG_SHIFT));
    return _mm512_and_si512(_mm512_mask_blend_epi32(0xAAAA, ev, _mm512_slli_epi64(od, 32)), k->mask);
}

AVX512_FN __m512i below16(Vec16 *k, __m512i hi)
{
    __m512i v = _mm512_alignr_epi32(hi, k->prev, 15);     /* hi[j-1] into lane j */
    k->prev = hi;
    return v;
}

AVX512_FN uint64_t gen16(Vec16 *k, __m512i s) { return _mm512_cmpgt_epu32_mask(s, k->mask); }
AVX512_FN uint64_t prop16(Vec16 *k, __m512i s) { return _mm512_cmpeq_epi32_mask(s, k->mask); }

AVX512_FN __m512i plus_carries16(Vec16 *k, __m512i s, unsigned bits)
{
    return _mm512_and_si512(_mm512_mask_add_epi32(s, (__mmask16)bits, s, k->one), k->mask);
}

AVX512_FN uint64_t top_hi16(Vec16 *k)
{
    return (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(_mm512_extracti32x4_epi32(k->prev, 3), 12));
}

#define SIMD_TARGET "avx512f"
#define SIMD_LANES 16
#define SIMD_NAME(x) x##16
#define V __m512i
#define VK Vec16
#include "heap/bigint_simd.h"
#undef SIMD_TARGET
#undef SIMD_LANES
#undef SIMD_NAME
#undef V
#undef VK

int big_simd_level(void)
{
    static int known = -1;
    if (known < 0) known = __builtin_cpu_supports("avx512f") ? 2 : __builtin_cpu_supports("avx2") ? 1 : 0;
    return known;
}
#else
int big_simd_level(void) { return 0; }
#endif

int big_digits_cmp(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    if (na != nb) return na < nb ? -1 : 1;
    for (size_t i = na; i-- > 0;)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

/* A borrow shows as bit 31 of the wrapped unsigned difference. */
void big_digits_sub(uint32_t *r, const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    uint32_t borrow = 0;
    size_t i;
    for (i = 0; i < nb; i++) {
        uint32_t t = a[i] - b[i] - borrow;
        r[i] = t & BIG_MASK;
        borrow = t >> 31;
    }
    for (; i < na; i++) {
        uint32_t t = a[i] - borrow;
        r[i] = t & BIG_MASK;
        borrow = t >> 31;
    }
    assert(borrow == 0);
}

uint32_t big_digits_add_at(uint32_t *r, const uint32_t *a, size_t na, const uint32_t *b, size_t nb, int level)
{
    uint64_t carry = 0;
    size_t done = 0;
#ifdef SIMD_BLOCK
    if (nb >= 16 && level == 2) done = add_vec16(r, a, b, nb, &carry);
    else if (nb >= 16 && level == 1) done = add_vec8(r, a, b, nb, &carry);
#else
    (void)level;
#endif
    return add_scalar(r, a, na, b, nb, done, carry);
}

uint32_t big_digits_add(uint32_t *r, const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    return big_digits_add_at(r, a, na, b, nb, big_simd_level());
}

uint32_t big_digits_mul1_at(uint32_t *r, const uint32_t *a, size_t n, uint32_t m, int level)
{
    uint64_t carry = 0;
    size_t done = 0;
#ifdef SIMD_BLOCK
    if (n >= 16 && level == 2) done = mul1_vec16(r, a, n, m, &carry);
    else if (n >= 16 && level == 1) done = mul1_vec8(r, a, n, m, &carry);
#else
    (void)level;
#endif
    return mul1_scalar(r + done, a + done, n - done, m, carry);
}

uint32_t big_digits_mul1(uint32_t *r, const uint32_t *a, size_t n, uint32_t m)
{
    return big_digits_mul1_at(r, a, n, m, big_simd_level());
}

/* ---------------------------------------------------------------------- */
/* division by one digit                                                   */

/*
** (hi * 2^64 + lo) / d and its remainder, for hi < d (the quotient fits
** in 64 bits). On x86-64 one divq: two 30-bit digits of a quotient a step
** where the per-digit loop (CPython's inplace_divrem1) takes two, so the
** chain of divisions through the remainder is half as long.
*/
static inline uint64_t div_2by1(uint64_t hi, uint64_t lo, uint64_t d, uint64_t *rem)
{
#if defined(__x86_64__) && defined(__GNUC__)
    uint64_t q, r;
    __asm__("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d) : "cc");
    *rem = r;
    return q;
#else
    /* hi < d < 2^30 and lo < 2^64: long division in 32-bit halves */
    uint64_t x = hi << 32 | lo >> 32, q1 = x / d;
    x = (x - q1 * d) << 32 | (lo & 0xFFFFFFFFu);
    uint64_t q0 = x / d;
    *rem = x - q0 * d;
    return q1 << 32 | q0;
#endif
}

/* The serial loops: two digits a division, one chain of divisions. */
static uint32_t divrem1_serial(uint32_t *q, const uint32_t *a, size_t n, uint32_t d, uint32_t rem0)
{
    uint64_t rem = rem0;
    size_t i = n;
    if (i % 2) {                        /* the odd top digit alone */
        i--;
        uint64_t x = rem << BIG_SHIFT | a[i];
        q[i] = (uint32_t)(x / d);
        rem = x % d;
    }
    while (i > 0) {                     /* rem * 2^60 + a[i-1] * 2^30 + a[i-2] */
        i -= 2;
        uint64_t lo = rem << (2 * BIG_SHIFT) | (uint64_t)a[i + 1] << BIG_SHIFT | a[i];
        uint64_t qq = div_2by1(rem >> (64 - 2 * BIG_SHIFT), lo, d, &rem);
        q[i + 1] = (uint32_t)(qq >> BIG_SHIFT);
        q[i] = (uint32_t)(qq & BIG_MASK);
    }
    return (uint32_t)rem;
}

static uint32_t mod1_serial(const uint32_t *a, size_t n, uint32_t d)
{
    uint64_t rem = 0;
    size_t i = n;
    if (i % 2) { i--; rem = a[i] % d; }
    while (i > 0) {
        i -= 2;
        uint64_t lo = rem << (2 * BIG_SHIFT) | (uint64_t)a[i + 1] << BIG_SHIFT | a[i];
        div_2by1(rem >> (64 - 2 * BIG_SHIFT), lo, d, &rem);
    }
    return (uint32_t)rem;
}

/*
** Long ints divided by one digit as four chains side by side. A division
** instruction's latency bounds the serial loops, and the next division
** cannot start before the last one's remainder. Here the digits are cut
** into four segments of L digits (the top one takes the rest), each
** divided on its own: first the remainders of the segments below the top
** (from a remainder of 0) while the top one is divided for real; from
** those, what each lower segment really receives, in1 = (in2 * 2**(30L) +
** r2) % d and so on; then the three lower segments are divided with their
** quotients. Each step divides by multiplying with d's reciprocal (Moller
** and Granlund, "Improved division by invariant integers", 2011), which
** pipelines where a divider does not. A remainder needs only the first
** pass.
*/
typedef struct Div1 {
    uint64_t dn, v;         /* d << s, with its top bit set; floor((2**128 - 1) / dn) - 2**64 */
    unsigned s;             /* clz(d) >= 34 */
} Div1;

static Div1 div1_make(uint32_t d)
{
    Div1 k;
    k.s = (unsigned)__builtin_clzll(d);
    k.dn = (uint64_t)d << k.s;
    k.v = (uint64_t)(((u128)~k.dn << 64 | UINT64_MAX) / k.dn);
    return k;
}

/* (rem * 2**60 + t) / d for rem < d and t < 2**60: the quotient, and the
** remainder in *rem. */
static inline __attribute__((always_inline)) uint64_t div1_step(const Div1 *k, uint64_t t, uint64_t *rem)
{
    /* the numerator shifted left by s, as u1 * 2**64 + u0 (u1 < dn) */
    uint64_t u1 = *rem << (k->s - 4) | t >> (64 - k->s), u0 = t << k->s;
    u128 qq = (u128)k->v * u1 + ((u128)u1 << 64 | u0);
    uint64_t q = (uint64_t)(qq >> 64) + 1, q0 = (uint64_t)qq;
    uint64_t r = u0 - q * k->dn;
    uint64_t over = (uint64_t)0 - (uint64_t)(r > q0);
    q += over;                          /* one too many: -1 */
    r += over & k->dn;
    if (r >= k->dn) { q++; r -= k->dn; }    /* rare */
    *rem = r >> k->s;
    return q;
}

static inline uint64_t two_digits(const uint32_t *a, size_t i) { return (uint64_t)a[i + 1] << BIG_SHIFT | a[i]; }

static inline void put_two(uint32_t *q, size_t i, uint64_t qq)
{
    q[i + 1] = (uint32_t)(qq >> BIG_SHIFT);
    q[i] = (uint32_t)(qq & BIG_MASK);
}

/* 2**(30 * L) % d */
static uint64_t base_pow_mod(size_t L, uint32_t d)
{
    uint64_t r = 1 % d, b = ((uint64_t)1 << BIG_SHIFT) % d;
    for (; L; L >>= 1) {
        if (L & 1) r = r * b % d;
        b = b * b % d;
    }
    return r;
}

enum { DIV1_PARALLEL = 256 };       /* below this many digits, the serial loops */

/* The segments' length L (even, 4L <= n) and the top segment's first pass:
** its remainder in *r3 and, when q is not NULL, its quotient digits. */
static size_t div1_top(const Div1 *k, uint32_t *q, const uint32_t *a, size_t n, uint32_t d, uint64_t *r3)
{
    size_t L = n / 8 * 2, i = n;
    if (i % 2) {
        i--;
        uint64_t x = *r3 << BIG_SHIFT | a[i];
        if (q) q[i] = (uint32_t)(x / d);
        *r3 = x % d;
    }
    while (i > 4 * L) {
        i -= 2;
        uint64_t qq = div1_step(k, two_digits(a, i), r3);
        if (q) put_two(q, i, qq);
    }
    return L;
}

static uint32_t divrem1_parallel(uint32_t *q, const uint32_t *a, size_t n, uint32_t d, uint32_t rem0)
{
    Div1 k = div1_make(d);
    uint64_t r3 = rem0, r2 = 0, r1 = 0;
    size_t L = div1_top(&k, q, a, n, d, &r3);
    for (size_t j = L; j > 0;) {
        j -= 2;
        put_two(q, 3 * L + j, div1_step(&k, two_digits(a, 3 * L + j), &r3));
        div1_step(&k, two_digits(a, 2 * L + j), &r2);
        div1_step(&k, two_digits(a, L + j), &r1);
    }
    uint64_t p = base_pow_mod(L, d);
    uint64_t in2 = r3, in1 = (in2 * p + r2) % d, in0 = (in1 * p + r1) % d;
    for (size_t j = L; j > 0;) {
        j -= 2;
        put_two(q, 2 * L + j, div1_step(&k, two_digits(a, 2 * L + j), &in2));
        put_two(q, L + j, div1_step(&k, two_digits(a, L + j), &in1));
        put_two(q, j, div1_step(&k, two_digits(a, j), &in0));
    }
    return (uint32_t)in0;
}

static uint32_t mod1_parallel(const uint32_t *a, size_t n, uint32_t d)
{
    Div1 k = div1_make(d);
    uint64_t r3 = 0, r2 = 0, r1 = 0, r0 = 0;
    size_t L = div1_top(&k, NULL, a, n, d, &r3);
    for (size_t j = L; j > 0;) {
        j -= 2;
        div1_step(&k, two_digits(a, 3 * L + j), &r3);
        div1_step(&k, two_digits(a, 2 * L + j), &r2);
        div1_step(&k, two_digits(a, L + j), &r1);
        div1_step(&k, two_digits(a, j), &r0);
    }
    uint64_t p = base_pow_mod(L, d);
    return (uint32_t)((((r3 * p + r2) % d * p + r1) % d * p + r0) % d);
}

uint32_t big_digits_divrem1(uint32_t *q, const uint32_t *a, size_t n, uint32_t d, uint32_t rem0)
{
    if (n >= DIV1_PARALLEL) return divrem1_parallel(q, a, n, d, rem0);
    return divrem1_serial(q, a, n, d, rem0);
}

uint32_t big_digits_mod1(const uint32_t *a, size_t n, uint32_t d)
{
    if (n >= DIV1_PARALLEL) return mod1_parallel(a, n, d);
    return mod1_serial(a, n, d);
}
