/*
** heap/bigint.c: arbitrary-precision integers in CPython's digit format.
**
** The mag_* helpers work on bare magnitudes (digit arrays plus a length);
** the big_* functions add signs, Python's rounding rules and buffer reuse.
** The algorithms follow CPython's Objects/longobject.c: schoolbook and
** Karatsuba multiplication (k_mul), Knuth's algorithm D (x_divrem), the
** base-10^9 decimal conversion (long_to_decimal_string), _PyLong_Frexp and
** long_true_divide. All digit arithmetic is unsigned, so no shift ever sees
** a negative value.
*/
#include "heap/bigint.h"

#include <assert.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef unsigned __int128 u128;   /* GCC and clang on 64-bit hosts */

#define KARATSUBA_CUTOFF 70
#define DEC_BASE 1000000000u       /* 10^9: decimal digits per output chunk */
#define DEC_DIGITS 9

/* ---------------------------------------------------------------------- */
/* buffers                                                                 */

/* Makes room for 'n' digits, keeping the current ones. */
static void reserve(BigInt *a, size_t n)
{
    if (n <= a->cap) return;
    if (n > SIZE_MAX / 2 / sizeof *a->d) {
        fprintf(stderr, "tracevm: integer too large (%zu digits)\n", n);
        abort();
    }
    size_t cap = a->cap * 2 > n ? a->cap * 2 : n;
    if (cap < 4) cap = 4;
    a->d = xrealloc(a->d, cap * sizeof *a->d);
    a->cap = cap;
}

/* Strips leading zero digits and sets the sign ('sign' unless zero). */
static void normalize(BigInt *a, int sign)
{
    while (a->n > 0 && a->d[a->n - 1] == 0) a->n--;
    a->sign = a->n ? sign : 0;
}

static void set_zero(BigInt *a) { a->n = 0; a->sign = 0; }

static unsigned bitlen32(uint32_t x)
{
    unsigned n = 0;
    while (x) { n++; x >>= 1; }
    return n;
}

static unsigned bitlen64(uint64_t x)
{
    unsigned n = 0;
    while (x) { n++; x >>= 1; }
    return n;
}

/* ---------------------------------------------------------------------- */
/* magnitudes                                                              */

/* r[0..na] = a + b, na >= nb, aliasing as big_digits_add. */
static void mag_add(uint32_t *r, const uint32_t *a, size_t na,
                    const uint32_t *b, size_t nb)
{
    r[na] = big_digits_add(r, a, na, b, nb);
}

/* r[0..nr) += t[0..nt), nr >= nt; the sum must fit in 'nr' digits. */
static void mag_add_into(uint32_t *r, size_t nr, const uint32_t *t, size_t nt)
{
    uint32_t carry = 0;
    size_t i;
    for (i = 0; i < nt; i++) {
        carry += r[i] + t[i];
        r[i] = carry & BIG_MASK;
        carry >>= BIG_SHIFT;
    }
    for (; carry && i < nr; i++) {
        carry += r[i];
        r[i] = carry & BIG_MASK;
        carry >>= BIG_SHIFT;
    }
    assert(carry == 0);
}

/* t[0..nt) -= s[0..ns), nt >= ns; the difference must be >= 0. */
static void mag_sub_from(uint32_t *t, size_t nt, const uint32_t *s, size_t ns)
{
    uint32_t borrow = 0;
    size_t i;
    for (i = 0; i < ns; i++) {
        uint32_t x = t[i] - s[i] - borrow;
        t[i] = x & BIG_MASK;
        borrow = x >> 31;
    }
    for (; borrow && i < nt; i++) {
        uint32_t x = t[i] - borrow;
        t[i] = x & BIG_MASK;
        borrow = x >> 31;
    }
    assert(borrow == 0);
}

/*
** r[0..na+nb) = a * b. 'r' must not overlap the operands. CPython's x_mul
** adds one row a[i]*b at a time, one carry chain step per product; this
** adds four rows at once: each column's four products (under 2^62) and
** the carry go into one 64-bit sum, so the chain is a quarter as long.
*/
static void mag_mul_school(uint32_t *r, const uint32_t *a, size_t na,
                           const uint32_t *b, size_t nb)
{
    memset(r, 0, (na + nb) * sizeof *r);
    size_t i = 0;
    if (nb >= 4) {
        for (; i + 4 <= na; i += 4) {
            uint64_t a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3], carry = 0;
            if ((a0 | a1 | a2 | a3) == 0) continue;    /* powers of two are mostly zero digits */
            uint32_t *p = r + i;
            /* column j takes a0*b[j] + a1*b[j-1] + a2*b[j-2] + a3*b[j-3] */
            carry = p[0] + a0 * b[0];
            p[0] = (uint32_t)(carry & BIG_MASK); carry >>= BIG_SHIFT;
            carry += p[1] + a0 * b[1] + a1 * b[0];
            p[1] = (uint32_t)(carry & BIG_MASK); carry >>= BIG_SHIFT;
            carry += p[2] + a0 * b[2] + a1 * b[1] + a2 * b[0];
            p[2] = (uint32_t)(carry & BIG_MASK); carry >>= BIG_SHIFT;
            for (size_t j = 3; j < nb; j++) {
                carry += p[j] + a0 * b[j] + a1 * b[j - 1] + a2 * b[j - 2] + a3 * b[j - 3];
                p[j] = (uint32_t)(carry & BIG_MASK);
                carry >>= BIG_SHIFT;
            }
            carry += a1 * b[nb - 1] + a2 * b[nb - 2] + a3 * b[nb - 3];   /* p[nb..] are still 0 */
            p[nb] = (uint32_t)(carry & BIG_MASK); carry >>= BIG_SHIFT;
            carry += a2 * b[nb - 1] + a3 * b[nb - 2];
            p[nb + 1] = (uint32_t)(carry & BIG_MASK); carry >>= BIG_SHIFT;
            carry += a3 * b[nb - 1];
            p[nb + 2] = (uint32_t)(carry & BIG_MASK); carry >>= BIG_SHIFT;
            p[nb + 3] = (uint32_t)carry;
        }
    }
    for (; i < na; i++) {
        uint64_t ai = a[i], carry = 0;
        if (ai == 0) continue;
        uint32_t *p = r + i;
        for (size_t j = 0; j < nb; j++) {
            carry += p[j] + ai * b[j];
            p[j] = (uint32_t)(carry & BIG_MASK);
            carry >>= BIG_SHIFT;
        }
        p[nb] = (uint32_t)carry;      /* untouched so far: rows end at i-1+nb */
    }
}

/*
** r[0..na+nb) = a * b, 'r' disjoint from the operands. Operands may carry
** leading zero digits. Karatsuba (CPython k_mul): with a = ah*B^k + al and
** b = bh*B^k + bl, a*b = z2*B^2k + ((al+ah)(bl+bh) - z0 - z2)*B^k + z0.
** A lopsided product (one side at least twice the other) is cut into
** slices of the short side's size, as k_lopsided_mul does.
*/
static void mag_mul(uint32_t *r, const uint32_t *a, size_t na,
                    const uint32_t *b, size_t nb)
{
    if (na < nb) {
        const uint32_t *t = a; a = b; b = t;
        size_t tn = na; na = nb; nb = tn;
    }
    if (nb == 1) {
        r[na] = big_digits_mul1(r, a, na, b[0]);
        return;
    }
    if (nb < KARATSUBA_CUTOFF) {
        mag_mul_school(r, a, na, b, nb);
        return;
    }
    if (2 * nb <= na) {
        uint32_t *t = xmalloc(2 * nb * sizeof *t);
        memset(r, 0, (na + nb) * sizeof *r);
        for (size_t off = 0; off < na; off += nb) {
            size_t c = na - off < nb ? na - off : nb;
            mag_mul(t, a + off, c, b, nb);
            mag_add_into(r + off, na + nb - off, t, c + nb);
        }
        free(t);
        return;
    }
    size_t k = na / 2;                /* nb > na/2 >= k, so bh is not empty */
    size_t nah = na - k, nbh = nb - k;
    size_t nsa = nah + 1, nsb = (nbh > k ? nbh : k) + 1, nt = nsa + nsb;
    uint32_t *tmp = xmalloc((nsa + nsb + nt) * sizeof *tmp);
    uint32_t *sa = tmp, *sb = tmp + nsa, *t = sb + nsb;

    mag_mul(r, a, k, b, k);                         /* z0 -> r[0..2k) */
    mag_mul(r + 2 * k, a + k, nah, b + k, nbh);     /* z2 -> r[2k..na+nb) */
    mag_add(sa, a + k, nah, a, k);                  /* nah >= k */
    if (nbh >= k) mag_add(sb, b + k, nbh, b, k);
    else mag_add(sb, b, k, b + k, nbh);
    mag_mul(t, sa, nsa, sb, nsb);
    mag_sub_from(t, nt, r, 2 * k);
    mag_sub_from(t, nt, r + 2 * k, nah + nbh);
    while (nt > 0 && t[nt - 1] == 0) nt--;
    assert(nt <= na + nb - k);
    mag_add_into(r + k, na + nb - k, t, nt);
    free(tmp);
}

/* r[0..n) = a << bits (bits < 30), returns the digit shifted out. r may be a. */
static uint32_t mag_lshift_bits(uint32_t *r, const uint32_t *a, size_t n, unsigned bits)
{
    uint32_t carry = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t x = a[i];
        r[i] = ((x << bits) & BIG_MASK) | carry;
        carry = x >> (BIG_SHIFT - bits);
    }
    return carry;
}

/* r[0..n) = a >> bits (bits < 30). r may be a. */
static void mag_rshift_bits(uint32_t *r, const uint32_t *a, size_t n, unsigned bits)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t hi = i + 1 < n ? (a[i + 1] << (BIG_SHIFT - bits)) & BIG_MASK : 0;
        r[i] = (a[i] >> bits) | hi;
    }
}

/*
** Knuth's algorithm D (TAOCP 4.3.1), shaped like CPython's x_divrem.
** q[0..na-nb+1) = a / b and rem[0..nb) = a % b, with na >= nb >= 2.
** Both operands are shifted left so b's top digit has its high bit set;
** then each quotient digit is estimated from the top two dividend digits,
** corrected with b's second digit (leaving it at most one too large), and
** fixed by an add-back when the multiply-subtract goes negative.
*/
static void mag_divrem(uint32_t *q, uint32_t *rem, const uint32_t *a, size_t na,
                       const uint32_t *b, size_t nb)
{
    unsigned s = BIG_SHIFT - bitlen32(b[nb - 1]);
    uint32_t *v = xmalloc((na + 1 + nb) * sizeof *v);
    uint32_t *w = v + na + 1;
    mag_lshift_bits(w, b, nb, s);
    v[na] = mag_lshift_bits(v, a, na, s);
    uint64_t wm1 = w[nb - 1], wm2 = w[nb - 2];

    for (size_t j = na - nb + 1; j-- > 0;) {
        uint32_t *vk = v + j;
        uint64_t vtop = vk[nb];
        uint64_t vv = vtop << BIG_SHIFT | vk[nb - 1];
        uint64_t qh = vv / wm1, rh = vv - qh * wm1;
        while (qh >= BIG_BASE || qh * wm2 > (rh << BIG_SHIFT | vk[nb - 2])) {
            qh--;
            rh += wm1;
            if (rh >= BIG_BASE) break;
        }
        /* vk -= qh * w as one carry chain, like x_divrem's signed one:
        ** the carry is kept offset by 2^32 (zb = zhi + 2^32) and each
        ** column by 2^62 - 2^32, so every value stays unsigned */
        uint64_t zb = 1ull << 32;
        for (size_t i = 0; i < nb; i++) {
            uint64_t y = (vk[i] + ((1ull << 62) - (1ull << 32)) - qh * w[i]) + zb;
            vk[i] = (uint32_t)(y & BIG_MASK);
            zb = y >> BIG_SHIFT;
        }
        if (vtop + zb < 1ull << 32) {   /* qh was one too large: add b back */
            uint32_t c = 0;
            for (size_t i = 0; i < nb; i++) {
                c += vk[i] + w[i];
                vk[i] = c & BIG_MASK;
                c >>= BIG_SHIFT;
            }
            qh--;
        }
        vk[nb] = 0;
        q[j] = (uint32_t)qh;
    }
    mag_rshift_bits(rem, v, nb, s);
    free(v);
}

/* ---------------------------------------------------------------------- */
/* construction                                                            */

void big_init(BigInt *a)
{
    a->d = NULL;
    a->n = a->cap = 0;
    a->sign = 0;
}

void big_free(BigInt *a)
{
    free(a->d);
    big_init(a);
}

void big_set_u64(BigInt *a, uint64_t v)
{
    reserve(a, 3);
    a->n = 0;
    while (v) {
        a->d[a->n++] = (uint32_t)(v & BIG_MASK);
        v >>= BIG_SHIFT;
    }
    a->sign = a->n ? 1 : 0;
}

void big_set_i64(BigInt *a, int64_t v)
{
    big_set_u64(a, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
    if (v < 0) a->sign = -1;
}

void big_copy(BigInt *dst, const BigInt *src)
{
    if (dst == src) return;
    reserve(dst, src->n);
    if (src->n) memcpy(dst->d, src->d, src->n * sizeof *dst->d);
    dst->n = src->n;
    dst->sign = src->sign;
}

void big_swap(BigInt *a, BigInt *b)
{
    BigInt t = *a;
    *a = *b;
    *b = t;
}

void big_from_digits(BigInt *a, const uint32_t *d, size_t n, int negative)
{
    reserve(a, n);
    if (n) memcpy(a->d, d, n * sizeof *a->d);
    a->n = n;
    normalize(a, negative ? -1 : 1);
}

bool big_to_i64(const BigInt *a, int64_t *out)
{
    if (a->n > 3 || (a->n == 3 && a->d[2] >= 16)) return false;
    uint64_t m = 0;
    for (size_t i = a->n; i-- > 0;) m = m << BIG_SHIFT | a->d[i];
    if (a->sign >= 0) {
        if (m > (uint64_t)INT64_MAX) return false;
        *out = (int64_t)m;
    } else {
        if (m > (uint64_t)INT64_MAX + 1) return false;
        *out = m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m;
    }
    return true;
}

int big_cmp_abs(const BigInt *a, const BigInt *b)
{
    return big_digits_cmp(a->d, a->n, b->d, b->n);
}

int big_cmp(const BigInt *a, const BigInt *b)
{
    if (a->sign != b->sign) return a->sign < b->sign ? -1 : 1;
    int c = big_digits_cmp(a->d, a->n, b->d, b->n);
    return a->sign < 0 ? -c : c;
}

/* ---------------------------------------------------------------------- */
/* arithmetic                                                              */

/* r = a + bsign*|b| (bsign is b's sign, flipped for subtraction). */
static void addsub(BigInt *r, const BigInt *a, const BigInt *b, int bsign)
{
    if (bsign == 0) { big_copy(r, a); return; }
    if (a->sign == 0) {
        big_copy(r, b);
        r->sign = bsign;
        return;
    }
    if (a->sign == bsign) {
        if (a->n < b->n) { const BigInt *t = a; a = b; b = t; }
        size_t na = a->n, nb = b->n;
        reserve(r, na + 1);              /* may move a->d or b->d if r is one */
        mag_add(r->d, a->d, na, b->d, nb);
        r->n = na + 1;
        normalize(r, bsign);
        return;
    }
    int c = big_digits_cmp(a->d, a->n, b->d, b->n);
    if (c == 0) { set_zero(r); return; }
    int sign = c > 0 ? a->sign : bsign;
    if (c < 0) { const BigInt *t = a; a = b; b = t; }
    size_t na = a->n, nb = b->n;
    reserve(r, na);
    big_digits_sub(r->d, a->d, na, b->d, nb);
    r->n = na;
    normalize(r, sign);
}

void big_add(BigInt *r, const BigInt *a, const BigInt *b) { addsub(r, a, b, b->sign); }
void big_sub(BigInt *r, const BigInt *a, const BigInt *b) { addsub(r, a, b, -b->sign); }

/* r = a + v for a small 'v'. */
static void add_small(BigInt *r, const BigInt *a, int v)
{
    uint32_t dig = (uint32_t)(v < 0 ? -v : v);
    BigInt t = { &dig, 1, 1, v < 0 ? -1 : 1 };
    big_add(r, a, &t);
}

void big_neg(BigInt *r, const BigInt *a)
{
    big_copy(r, a);
    r->sign = -r->sign;
}

void big_abs(BigInt *r, const BigInt *a)
{
    big_copy(r, a);
    if (r->sign < 0) r->sign = 1;
}

void big_mul(BigInt *r, const BigInt *a, const BigInt *b)
{
    if (a->sign == 0 || b->sign == 0) { set_zero(r); return; }
    int sign = a->sign * b->sign;
    size_t na = a->n, nb = b->n;
    if (na == 1 || nb == 1) {
        /* one-digit factor: in place is safe, digit i is read before written */
        const BigInt *big = na == 1 ? b : a;
        uint64_t m = (na == 1 ? a : b)->d[0], carry = 0;
        size_t n = big->n;
        reserve(r, n + 1);
        for (size_t i = 0; i < n; i++) {
            carry += big->d[i] * m;
            r->d[i] = (uint32_t)(carry & BIG_MASK);
            carry >>= BIG_SHIFT;
        }
        r->d[n] = (uint32_t)carry;
        r->n = n + 1;
        normalize(r, sign);
        return;
    }
    if (r == a || r == b) {
        uint32_t *t = xmalloc((na + nb) * sizeof *t);
        mag_mul(t, a->d, na, b->d, nb);
        free(r->d);
        r->d = t;
        r->cap = na + nb;
    } else {
        reserve(r, na + nb);
        mag_mul(r->d, a->d, na, b->d, nb);
    }
    r->n = na + nb;
    normalize(r, sign);
}

/* Floor division of values that fit in int64 (|x| < 2^60). */
static void divmod_small(int64_t x, int64_t y, int64_t *q, int64_t *r)
{
    int64_t qq = x / y, rr = x % y;
    if (rr != 0 && (rr < 0) != (y < 0)) { qq--; rr += y; }
    *q = qq;
    *r = rr;
}

int big_divmod(BigInt *q, BigInt *r, const BigInt *a, const BigInt *b)
{
    if (b->sign == 0) return -1;
    assert(q == NULL || q != r);
    if (a->n <= 2 && b->n <= 2) {
        int64_t x, y, qq, rr;
        big_to_i64(a, &x);
        big_to_i64(b, &y);
        divmod_small(x, y, &qq, &rr);
        if (q) big_set_i64(q, qq);
        if (r) big_set_i64(r, rr);
        return 0;
    }
    /* Work in the outputs when they alias no operand, else in temporaries. */
    BigInt tq, tr;
    big_init(&tq);
    big_init(&tr);
    BigInt *Q = q && q != a && q != b ? q : &tq;
    BigInt *R = r && r != a && r != b ? r : &tr;
    int asign = a->sign, bsign = b->sign;

    if (big_digits_cmp(a->d, a->n, b->d, b->n) < 0) {
        set_zero(Q);
        big_copy(R, a);
    } else if (b->n == 1) {
        reserve(Q, a->n);
        uint32_t rem = big_digits_divrem1(Q->d, a->d, a->n, b->d[0], 0);
        Q->n = a->n;
        normalize(Q, asign * bsign);
        big_set_u64(R, rem);
        if (rem) R->sign = asign;
    } else {
        reserve(Q, a->n - b->n + 1);
        reserve(R, b->n);
        mag_divrem(Q->d, R->d, a->d, a->n, b->d, b->n);
        Q->n = a->n - b->n + 1;
        normalize(Q, asign * bsign);
        R->n = b->n;
        normalize(R, asign);
    }
    if (R->sign != 0 && asign != bsign) {    /* truncation -> floor */
        add_small(Q, Q, -1);
        big_add(R, R, b);                      /* b is intact: R is not b */
    }
    if (q) { if (Q == &tq) big_swap(q, &tq); }
    if (r) { if (R == &tr) big_swap(r, &tr); }
    big_free(&tq);
    big_free(&tr);
    return 0;
}

void big_pow(BigInt *r, const BigInt *a, uint64_t e)
{
    if (e == 0) { big_set_u64(r, 1); return; }
    if (a->sign == 0 || e == 1) { big_copy(r, a); return; }
    BigInt base, acc, t;
    big_init(&base);
    big_init(&acc);
    big_init(&t);
    big_copy(&base, a);
    big_copy(&acc, a);
    for (unsigned i = bitlen64(e) - 1; i-- > 0;) {     /* left to right */
        big_mul(&t, &acc, &acc);
        big_swap(&t, &acc);
        if (e >> i & 1) {
            big_mul(&t, &acc, &base);
            big_swap(&t, &acc);
        }
    }
    big_swap(r, &acc);
    big_free(&acc);
    big_free(&base);
    big_free(&t);
}

/* ---------------------------------------------------------------------- */
/* bits                                                                    */

size_t big_bit_length(const BigInt *a)
{
    if (a->n == 0) return 0;
    return (a->n - 1) * BIG_SHIFT + bitlen32(a->d[a->n - 1]);
}

/* out[0..L) = a in two's complement over L digits (L > a->n). */
static void twos(uint32_t *out, const BigInt *a, size_t L)
{
    for (size_t i = 0; i < L; i++) out[i] = i < a->n ? a->d[i] : 0;
    if (a->sign < 0) {
        uint32_t carry = 1;
        for (size_t i = 0; i < L; i++) {
            carry += out[i] ^ BIG_MASK;
            out[i] = carry & BIG_MASK;
            carry >>= BIG_SHIFT;
        }
    }
}

static uint32_t apply(char op, uint32_t x, uint32_t y)
{
    return op == '&' ? (x & y) : op == '|' ? (x | y) : (x ^ y);
}

/*
** Python's bitwise operators on the infinite two's-complement form (CPython
** long_bitwise). Non-negative operands work on the digits directly; with a
** negative one, both are complemented over max(n)+1 digits (enough for a
** sign digit), combined, and the result complemented back if negative.
*/
static void bitop(BigInt *r, const BigInt *a, const BigInt *b, char op)
{
    size_t na = a->n, nb = b->n;
    if (a->sign >= 0 && b->sign >= 0) {
        size_t n = op == '&' ? (na < nb ? na : nb) : (na > nb ? na : nb);
        reserve(r, n);
        for (size_t i = 0; i < n; i++)
            r->d[i] = apply(op, i < na ? a->d[i] : 0, i < nb ? b->d[i] : 0);
        r->n = n;
        normalize(r, 1);
        return;
    }
    size_t L = (na > nb ? na : nb) + 1;
    bool an = a->sign < 0, bn = b->sign < 0;
    bool neg = op == '&' ? (an && bn) : op == '|' ? (an || bn) : (an != bn);
    uint32_t *x = xmalloc(2 * L * sizeof *x), *y = x + L;
    twos(x, a, L);
    twos(y, b, L);
    reserve(r, L);
    uint32_t carry = 1;
    for (size_t i = 0; i < L; i++) {
        uint32_t v = apply(op, x[i], y[i]);
        if (neg) {
            carry += v ^ BIG_MASK;
            v = carry & BIG_MASK;
            carry >>= BIG_SHIFT;
        }
        r->d[i] = v;
    }
    free(x);
    r->n = L;
    normalize(r, neg ? -1 : 1);
}

void big_and(BigInt *r, const BigInt *a, const BigInt *b) { bitop(r, a, b, '&'); }
void big_or(BigInt *r, const BigInt *a, const BigInt *b) { bitop(r, a, b, '|'); }
void big_xor(BigInt *r, const BigInt *a, const BigInt *b) { bitop(r, a, b, '^'); }

void big_invert(BigInt *r, const BigInt *a)
{
    add_small(r, a, 1);
    r->sign = -r->sign;
}

void big_lshift(BigInt *r, const BigInt *a, uint64_t s)
{
    if (a->sign == 0) { set_zero(r); return; }
    if (s / BIG_SHIFT > SIZE_MAX / 8) {
        fprintf(stderr, "tracevm: shift count too large\n");
        abort();
    }
    size_t ds = (size_t)(s / BIG_SHIFT), na = a->n;
    unsigned bits = (unsigned)(s % BIG_SHIFT);
    int sign = a->sign;
    reserve(r, na + ds + 1);
    uint32_t *rd = r->d;
    const uint32_t *ad = a->d;
    /* top down: digit i+ds is written after digits i and i-1 are read */
    rd[na + ds] = ad[na - 1] >> (BIG_SHIFT - bits);
    for (size_t i = na; i-- > 0;)
        rd[i + ds] = ((ad[i] << bits) & BIG_MASK)
                   | (i ? ad[i - 1] >> (BIG_SHIFT - bits) : 0);
    memset(rd, 0, ds * sizeof *rd);
    r->n = na + ds + 1;
    normalize(r, sign);
}

void big_rshift(BigInt *r, const BigInt *a, uint64_t s)
{
    if (a->sign == 0) { set_zero(r); return; }
    int sign = a->sign;
    if (s >= big_bit_length(a)) {
        if (sign < 0) big_set_i64(r, -1);
        else set_zero(r);
        return;
    }
    size_t ds = (size_t)(s / BIG_SHIFT), na = a->n, n = na - ds;
    unsigned bits = (unsigned)(s % BIG_SHIFT);
    bool lost = false;                 /* any 1 bit shifted out? */
    if (sign < 0) {
        for (size_t i = 0; i < ds && !lost; i++) lost = a->d[i] != 0;
        lost = lost || (a->d[ds] & ((1u << bits) - 1)) != 0;
    }
    reserve(r, n);
    mag_rshift_bits(r->d, a->d + ds, n, bits);
    r->n = n;
    normalize(r, sign);
    if (lost) add_small(r, r, -1);     /* floor: -(|a| >> s) - 1 */
}

/* ---------------------------------------------------------------------- */
/* text                                                                    */

size_t big_ndigits_decimal_upper_bound(const BigInt *a)
{
    /* digits of x = floor(log10 x) + 1 <= bits * log10(2) + 1; 0.30103 > log10(2) */
    size_t bits = big_bit_length(a);
    return bits / 100000 * 30103 + bits % 100000 * 30103 / 100000 + 2;
}

/* z / 10^9 for z < 2^64, as a multiply by the reciprocal: the compiler
** makes this of '/' too, but not in code a profile marks cold, and a
** program that prints big ints spends its time here. */
static inline uint64_t div_dec_base(uint64_t z)
{
    /* 10^9 = 2^9 * 1953125; 0x44B82FA09B5A53 = ceil(2^75 / 1953125) */
    return (uint64_t)((u128)(z >> 9) * 0x44B82FA09B5A53u >> 75);
}

/*
** str() of an int: base 2^30 to base 10^9 by Horner's rule from the top
** down, as CPython's long_to_decimal_string, but two input digits (60
** bits) a step, which halves the passes over the output. A step of
** z = p*2^60 + hi splits 2^60 as Q*10^9 + R, so that
** z = p*Q*10^9 + (p*R + hi) with p*R + hi < 2^61: one 64-bit division by
** a constant, the rest multiplies off the carry chain.
*/
void big_to_decimal(const BigInt *a, StrBuf *out)
{
    if (a->n <= 2) {
        int64_t v = 0;
        big_to_i64(a, &v);
        sb_put_i64(out, v);
        return;
    }
    const uint64_t Q = (1ull << 60) / DEC_BASE, R = (1ull << 60) % DEC_BASE;
    size_t cap = 2 + a->n + a->n / 99, size = 0;   /* 30/log2(10^9) < 1 + 1/99 */
    uint32_t *p = xmalloc(cap * sizeof *p);
    size_t i = a->n;
    if (i % 2) {                                    /* the odd top digit alone */
        uint32_t hi = a->d[--i];
        while (hi) { p[size++] = hi % DEC_BASE; hi /= DEC_BASE; }
    }
    while (i > 0) {
        i -= 2;
        uint64_t hi = (uint64_t)a->d[i + 1] << BIG_SHIFT | a->d[i];
        for (size_t j = 0; j < size; j++) {
            uint64_t pj = p[j], t = pj * R + hi, qt = div_dec_base(t);
            p[j] = (uint32_t)(t - qt * DEC_BASE);
            hi = pj * Q + qt;
        }
        while (hi) {
            assert(size < cap);
            uint64_t qh = div_dec_base(hi);
            p[size++] = (uint32_t)(hi - qh * DEC_BASE);
            hi = qh;
        }
    }
    char top[16];
    int ntop = snprintf(top, sizeof top, "%s%u", a->sign < 0 ? "-" : "", p[size - 1]);
    size_t len = (size_t)ntop + (size - 1) * DEC_DIGITS;
    sb_reserve(out, len);
    char *s = out->s + out->len;
    memcpy(s, top, (size_t)ntop);
    char *e = s + len;
    for (size_t j = 0; j + 1 < size; j++) {
        uint32_t v = p[j];
        for (int k = 0; k < DEC_DIGITS / 2; k++) {
            e -= 2;
            memcpy(e, fmt_digit_pairs + 2 * (v % 100), 2);
            v /= 100;
        }
        *--e = (char)('0' + v);
    }
    out->len += len;
    out->s[out->len] = '\0';
    free(p);
}

void big_to_base(const BigInt *a, int base, bool prefix, StrBuf *out)
{
    unsigned k;
    const char *pre;
    switch (base) {
    case 2: k = 1; pre = "0b"; break;
    case 8: k = 3; pre = "0o"; break;
    case 16: k = 4; pre = "0x"; break;
    case 10: big_to_decimal(a, out); return;
    default:
        fprintf(stderr, "tracevm: big_to_base: unsupported base %d\n", base);
        abort();
    }
    size_t nbits = big_bit_length(a);
    size_t nchars = nbits ? (nbits + k - 1) / k : 1;
    size_t head = (a->sign < 0) + (prefix ? 2u : 0u);
    sb_reserve(out, head + nchars);
    char *s = out->s + out->len;
    if (a->sign < 0) *s++ = '-';
    if (prefix) { memcpy(s, pre, 2); s += 2; }
    uint64_t acc = 0;
    unsigned accbits = 0;
    size_t i = 0;
    for (size_t c = nchars; c-- > 0;) {        /* least significant char last */
        if (accbits < k && i < a->n) {
            acc |= (uint64_t)a->d[i++] << accbits;
            accbits += BIG_SHIFT;
        }
        s[c] = "0123456789abcdef"[acc & ((1u << k) - 1)];
        acc >>= k;
        accbits = accbits > k ? accbits - k : 0;
    }
    out->len += head + nchars;
    out->s[out->len] = '\0';
}

static unsigned digit_value(char c)
{
    if (c >= '0' && c <= '9') return (unsigned)(c - '0');
    if (c >= 'a' && c <= 'z') return (unsigned)(c - 'a' + 10);
    if (c >= 'A' && c <= 'Z') return (unsigned)(c - 'A' + 10);
    return 99;
}

/* d[0..*n) = d * mult + add, growing *n (the caller sized 'd'). */
static void mul_add_small(uint32_t *d, size_t *n, uint64_t mult, uint64_t add)
{
    uint64_t carry = add;
    for (size_t i = 0; i < *n; i++) {
        uint64_t p = d[i] * mult + carry;
        d[i] = (uint32_t)(p & BIG_MASK);
        carry = p >> BIG_SHIFT;
    }
    while (carry) {
        d[(*n)++] = (uint32_t)(carry & BIG_MASK);
        carry >>= BIG_SHIFT;
    }
}

/*
** Power-of-two bases pack bits from the last character up. Other bases
** take the characters in chunks of 'm' (the most with base^m <= 2^32) and
** do one multiply-add pass per chunk, as CPython's long_from_non_binary_base.
*/
int big_from_string(BigInt *a, const char *s, size_t len, int base)
{
    if (base < 2 || base > 36) return -1;
    size_t ndig = 0;
    bool after_sep = true;            /* '_' may not lead, trail or repeat */
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '_') {
            if (after_sep) return -1;
            after_sep = true;
            continue;
        }
        if (digit_value(s[i]) >= (unsigned)base) return -1;
        ndig++;
        after_sep = false;
    }
    if (ndig == 0 || after_sep) return -1;

    unsigned lg = bitlen32((uint32_t)base - 1);   /* ceil(log2(base)) */
    size_t cap = ndig * lg / BIG_SHIFT + 2;
    reserve(a, cap);
    size_t n = 0;
    if ((base & (base - 1)) == 0) {
        uint64_t acc = 0;
        unsigned accbits = 0;
        for (size_t i = len; i-- > 0;) {
            if (s[i] == '_') continue;
            acc |= (uint64_t)digit_value(s[i]) << accbits;
            accbits += lg;
            if (accbits >= BIG_SHIFT) {
                a->d[n++] = (uint32_t)(acc & BIG_MASK);
                acc >>= BIG_SHIFT;
                accbits -= BIG_SHIFT;
            }
        }
        if (accbits) a->d[n++] = (uint32_t)acc;
    } else {
        uint64_t convmax = (uint64_t)base;
        unsigned m = 1;
        while (convmax * (uint64_t)base <= UINT32_MAX) { convmax *= (uint64_t)base; m++; }
        uint64_t chunk = 0, mult = 1;
        unsigned cnt = 0;
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '_') continue;
            chunk = chunk * (uint64_t)base + digit_value(s[i]);
            mult *= (uint64_t)base;
            if (++cnt == m) {
                mul_add_small(a->d, &n, convmax, chunk);
                chunk = 0;
                mult = 1;
                cnt = 0;
            }
        }
        if (cnt) mul_add_small(a->d, &n, mult, chunk);
    }
    assert(n <= cap);
    a->n = n;
    normalize(a, 1);
    return 0;
}

/* ---------------------------------------------------------------------- */
/* floats                                                                  */

/* Bits [pos, pos+count) of the magnitude, count <= 64. */
static uint64_t get_bits(const BigInt *a, size_t pos, unsigned count)
{
    size_t i = pos / BIG_SHIFT;
    unsigned off = (unsigned)(pos % BIG_SHIFT), got = 0;
    uint64_t v = 0;
    if (i < a->n) { v = a->d[i++] >> off; got = BIG_SHIFT - off; }
    while (got < count && i < a->n) {
        v |= (uint64_t)a->d[i++] << got;
        got += BIG_SHIFT;
    }
    return count < 64 ? v & (((uint64_t)1 << count) - 1) : v;
}

/* True if any of the magnitude's bits below 'pos' is set. */
static bool low_bits_set(const BigInt *a, size_t pos)
{
    size_t i = pos / BIG_SHIFT;
    for (size_t j = 0; j < i && j < a->n; j++)
        if (a->d[j]) return true;
    return i < a->n && (a->d[i] & ((1u << (pos % BIG_SHIFT)) - 1)) != 0;
}

/*
** Like _PyLong_Frexp + PyLong_AsDouble: keep the top 55 bits, OR every
** lower bit into the last one (sticky), round half-even to 53 bits by hand;
** the result is then exact as a double and ldexp only scales it, reaching
** infinity exactly when the rounded value is 2^1024 or more.
*/
int big_to_double(const BigInt *a, double *out)
{
    size_t nbits = big_bit_length(a);
    double x;
    if (nbits <= DBL_MANT_DIG) {
        x = (double)get_bits(a, 0, 64);
    } else {
        if (nbits > DBL_MAX_EXP) return -1;
        int64_t shift = (int64_t)nbits - (DBL_MANT_DIG + 2);
        uint64_t m;
        if (shift < 0) {
            m = get_bits(a, 0, 64) << -shift;
        } else {
            m = get_bits(a, (size_t)shift, DBL_MANT_DIG + 2);
            if (low_bits_set(a, (size_t)shift)) m |= 1;
        }
        if ((m & 2) && (m & 5)) m += 4;     /* guard bit set, and sticky or odd */
        m &= ~(uint64_t)3;
        x = ldexp((double)m, (int)shift);
        if (isinf(x)) return -1;
    }
    *out = a->sign < 0 ? -x : x;
    return 0;
}

void big_from_double(BigInt *a, double x)
{
    if (fabs(x) < 9223372036854775808.0) {     /* 2^63 */
        big_set_i64(a, (int64_t)x);
        return;
    }
    int e;
    double frac = frexp(fabs(x), &e);          /* |x| = frac * 2^e, e > 63 */
    size_t nd = (size_t)(e - 1) / BIG_SHIFT + 1;
    reserve(a, nd);
    frac = ldexp(frac, (e - 1) % BIG_SHIFT + 1);
    for (size_t i = nd; i-- > 0;) {
        uint32_t bits = (uint32_t)frac;
        a->d[i] = bits;
        frac -= (double)bits;
        frac = ldexp(frac, BIG_SHIFT);
    }
    a->n = nd;
    normalize(a, x < 0 ? -1 : 1);
}

/*
** CPython's long_true_divide. Small operands (both exact as doubles) divide
** in floating point. Otherwise compute x = |a| * 2^-shift // |b| with
** 'shift' chosen so x has DBL_MANT_DIG+2 or +3 bits (fewer for subnormal
** results), note whether anything was discarded, round x half-even to the
** target precision by hand, and scale with ldexp.
*/
int big_true_divide(const BigInt *a, const BigInt *b, double *out)
{
    if (b->sign == 0) return -1;
    bool negate = (a->sign < 0) != (b->sign < 0);
    if (a->sign == 0) { *out = negate ? -0.0 : 0.0; return 0; }

    int mant_bits = DBL_MANT_DIG % BIG_SHIFT;   /* 23: top-digit bits in 53 */
    bool a_small = a->n <= 1 || (a->n == 2 && a->d[1] >> mant_bits == 0);
    bool b_small = b->n <= 1 || (b->n == 2 && b->d[1] >> mant_bits == 0);
    if (a_small && b_small) {
        double da = 0, db = 0;
        for (size_t i = a->n; i-- > 0;) da = da * BIG_BASE + a->d[i];
        for (size_t i = b->n; i-- > 0;) db = db * BIG_BASE + b->d[i];
        double q = da / db;
        *out = negate ? -q : q;
        return 0;
    }

    int64_t diff = ((int64_t)a->n - (int64_t)b->n) * BIG_SHIFT
                 + bitlen32(a->d[a->n - 1]) - bitlen32(b->d[b->n - 1]);
    if (diff > DBL_MAX_EXP) return -2;
    if (diff < DBL_MIN_EXP - DBL_MANT_DIG - 1) { *out = negate ? -0.0 : 0.0; return 0; }
    int64_t shift = (diff > DBL_MIN_EXP ? diff : DBL_MIN_EXP) - DBL_MANT_DIG - 2;

    BigInt x, bb, rem;
    big_init(&x);
    big_init(&rem);
    big_abs(&x, a);
    bool inexact = false;
    if (shift <= 0) {
        big_lshift(&x, &x, (uint64_t)-shift);
    } else {
        inexact = low_bits_set(&x, (size_t)shift);
        big_rshift(&x, &x, (uint64_t)shift);
    }
    bb = *b;                                   /* |b| as a borrowed view */
    bb.sign = 1;
    big_divmod(&x, &rem, &x, &bb);
    if (rem.sign != 0) inexact = true;
    big_free(&rem);

    int64_t x_bits = (int64_t)big_bit_length(&x);
    int64_t lo = DBL_MIN_EXP - shift;
    int64_t extra = (x_bits > lo ? x_bits : lo) - DBL_MANT_DIG;
    assert(extra == 2 || extra == 3);
    uint32_t mask = (uint32_t)1 << (extra - 1);
    uint32_t low = x.d[0] | (inexact ? 1u : 0u);
    if ((low & mask) && (low & (3u * mask - 1u))) low += mask;
    x.d[0] = low & ~(2u * mask - 1u);

    double dx = 0;
    for (size_t i = x.n; i-- > 0;) dx = dx * BIG_BASE + x.d[i];
    big_free(&x);
    if (shift + x_bits >= DBL_MAX_EXP
        && (shift + x_bits > DBL_MAX_EXP || dx == ldexp(1.0, (int)x_bits)))
        return -2;
    double q = ldexp(dx, (int)shift);
    *out = negate ? -q : q;
    return 0;
}
