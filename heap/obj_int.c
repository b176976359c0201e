/*
** heap/obj_int.c: int and bool objects. Layout (CPython's PyLongObject):
** {ob_refcnt, ob_type, size field, digits[]}, with the size field encoded as
** the profile says (3.11 signed ob_size, 3.12 lv_tag) and the digits of
** 'digit_bits' bits stored in 'digit_bytes' bytes, least significant first.
** Zero is allocated with one digit, as _PyLong_New does. The small ints
** live in one static array, 'small_int_stride' bytes apart.
*/
#include "heap/heap_internal.h"

#include <stdlib.h>


int int_sign(const Heap *h, Addr o)
{
    if (h->L.int_size_encoding == INT_SIZE_LV_TAG) {
        unsigned s = (unsigned)(ram_word(&h->ram, o + 2 * h->W) & 3);
        return s == 0 ? 1 : s == 1 ? 0 : -1;
    }
    int64_t s = ram_sword(&h->ram, o + 2 * h->W);
    return s > 0 ? 1 : s < 0 ? -1 : 0;
}

/* Host digits (30-bit) <-> RAM digits ('digit_bits' in 'digit_bytes'). */
static size_t ram_ndigits_for(const Heap *h, size_t n30)
{
    if (h->L.digit_bits == BIG_SHIFT || n30 == 0) return n30;
    return (n30 * BIG_SHIFT + h->L.digit_bits - 1) / h->L.digit_bits;
}

static void write_digits(Heap *h, Addr d, const BigInt *b, size_t nram)
{
    unsigned db = h->L.digit_bytes, bits = h->L.digit_bits;
    if (int_same_digits(h)) {
        memcpy(ram_ptr(&h->ram, d), b->d, b->n * sizeof *b->d);
        return;
    }
    if (bits == BIG_SHIFT) {
        for (size_t i = 0; i < b->n; i++) ram_wr(&h->ram, d + i * db, db, b->d[i]);
        return;
    }
    uint64_t acc = 0;
    unsigned have = 0;
    size_t src = 0;
    for (size_t i = 0; i < nram; i++) {
        while (have < bits && src < b->n) { acc |= (uint64_t)b->d[src++] << have; have += BIG_SHIFT; }
        ram_wr(&h->ram, d + i * db, db, acc & (((uint64_t)1 << bits) - 1));
        acc >>= bits;
        have = have > bits ? have - bits : 0;
    }
}

void int_to_big(const Heap *h, Addr o, BigInt *out)
{
    size_t n = int_ndigits(h, o);
    int sign = int_sign(h, o);
    unsigned db = h->L.digit_bytes, bits = h->L.digit_bits;
    Addr d = o + 3 * h->W;
    if (bits == BIG_SHIFT) {
        if (out->cap < n + 1) {
            out->cap = n + 1;
            out->d = xrealloc(out->d, out->cap * sizeof *out->d);
        }
        if (int_same_digits(h)) memcpy(out->d, ram_ptr(&h->ram, d), n * sizeof *out->d);
        else for (size_t i = 0; i < n; i++) out->d[i] = (uint32_t)ram_rd(&h->ram, d + i * db, db);
        out->n = n;
        out->sign = n ? sign : 0;
        return;
    }
    size_t n30 = (n * bits + BIG_SHIFT - 1) / BIG_SHIFT;
    uint32_t *tmp = xcalloc(n30 + 1, sizeof *tmp);
    uint64_t acc = 0;
    unsigned have = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        acc |= ram_rd(&h->ram, d + i * db, db) << have;
        have += bits;
        while (have >= BIG_SHIFT) { tmp[k++] = (uint32_t)(acc & ((1u << BIG_SHIFT) - 1)); acc >>= BIG_SHIFT; have -= BIG_SHIFT; }
    }
    if (have) tmp[k++] = (uint32_t)acc;
    big_from_digits(out, tmp, k, sign < 0);
    free(tmp);
}

bool heap_is_small_int(const Heap *h, Addr o)
{
    Addr end = h->small_ints + (Addr)(h->L.small_int_max - h->L.small_int_min + 1) * h->L.small_int_stride;
    return o >= h->small_ints && o < end;
}

static Addr small_int(Heap *h, int64_t v)
{
    Addr o = heap_small_int_addr(h, v);
    heap_incref(h, o);
    if (h->obs) {
        HeapEvent e = { HEV_CACHED, TY_INT, o, int_sizeof(h, o), 0, 0 };
        h->obs(h->obs_ud, &e);
    }
    return o;
}

Addr int_from_big(Heap *h, const BigInt *b)
{
    int64_t v;
    if (b->n <= 2 && big_to_i64(b, &v) && v >= h->L.small_int_min && v <= h->L.small_int_max)
        return small_int(h, v);
    size_t nram = ram_ndigits_for(h, b->n);
    uint64_t size = 3 * (uint64_t)h->W + (uint64_t)h->L.digit_bytes * (nram ? nram : 1);
    Addr o = heap_make(h, TY_INT, size);
    if (!o) return 0;
    int_set_size(h, o, nram, b->sign);
    if (nram == 0) ram_wr(&h->ram, o + 3 * h->W, h->L.digit_bytes, 0);
    write_digits(h, o + 3 * h->W, b, nram);
    return o;
}

/*
** big * m for an int 'big' of two or more digits and 0 < |m| < 2**30, with
** RAM digits that are the host's (same_digits): the product is written
** straight from big's digits into the new object, as x_mul does it, instead
** of copying both into BigInts and the result back. The new object has as
** many digits as int_from_big would give it, so it is known before the
** multiplication: the top digit is (big's top * |m| + carry) >> 30 with
** carry < |m|. When those bounds disagree on whether it is zero (a chance of
** about |m| / 2**30), returns false and the caller takes the general path;
** otherwise true with *out the product (0 when RAM is full).
*/
bool int_mul_digit(Heap *h, Addr big, int64_t m, Addr *out)
{
    size_t n = int_ndigits(h, big);
    uint64_t mm = m < 0 ? (uint64_t)-m : (uint64_t)m;
    if (!int_same_digits(h) || n < 2 || mm == 0 || mm >> BIG_SHIFT) return false;
    const uint32_t *d = (const uint32_t *)ram_ptr(&h->ram, big + 3 * h->W);
    uint64_t lo = (uint64_t)d[n - 1] * mm, hi = lo + mm - 1;
    if (lo >> BIG_SHIFT != hi >> BIG_SHIFT && !(lo >> BIG_SHIFT)) return false;
    size_t nr = lo >> BIG_SHIFT ? n + 1 : n;
    int sign = int_sign(h, big) * (m < 0 ? -1 : 1);
    Addr o = int_new_digits(h, nr, sign);
    *out = o;
    if (!o) return true;
    uint32_t *r = (uint32_t *)ram_ptr(&h->ram, o + 3 * h->W);
    uint32_t carry = big_digits_mul1(r, d, n, (uint32_t)mm);
    if (nr > n) r[n] = carry;
    return true;
}

/*
** big // m or big % m for a positive int 'big' of three or more digits and
** 0 < m < 2**30, with RAM digits that are the host's: one pass over big's
** digits in RAM (divrem1), the quotient written straight into the new
** object. Its size is known before: big's top digit divided by m is zero
** or not, and with three digits or more the quotient has at least two, so
** it is never a cached small int. False when another path must do it;
** else true with *out the result (0 when RAM is full).
*/
bool int_divmod_digit(Heap *h, Addr big, int64_t m, bool mod, Addr *out)
{
    size_t n = int_ndigits(h, big);
    if (!int_same_digits(h) || n < 3 || m <= 0 || (uint64_t)m >> BIG_SHIFT || int_sign(h, big) < 0) return false;
    const uint32_t *d = (const uint32_t *)ram_ptr(&h->ram, big + 3 * h->W);
    uint64_t mm = (uint64_t)m, rem = 0;
    if (mod) {
        rem = big_digits_mod1(d, n, (uint32_t)mm);
        *out = int_from_i64(h, (int64_t)rem);
        return true;
    }
    size_t nq = d[n - 1] >= mm ? n : n - 1;
    Addr o = int_new_digits(h, nq, 1);
    *out = o;
    if (!o) return true;
    /* a top digit below m is the first remainder, its quotient digit 0 */
    big_digits_divrem1((uint32_t *)ram_ptr(&h->ram, o + 3 * h->W), d, nq, (uint32_t)mm, nq < n ? d[n - 1] : 0);
    return true;
}

Addr int_from_i64(Heap *h, int64_t v)
{
    if (v >= h->L.small_int_min && v <= h->L.small_int_max) return small_int(h, v);
    if (h->L.digit_bits == BIG_SHIFT) {
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        size_t n = 0;
        uint32_t d[3];
        for (uint64_t t = m; t; t >>= BIG_SHIFT) d[n++] = (uint32_t)(t & ((1u << BIG_SHIFT) - 1));
        uint64_t size = 3 * (uint64_t)h->W + (uint64_t)h->L.digit_bytes * n;
        Addr o = heap_make(h, TY_INT, size);
        if (!o) return 0;
        int_set_size(h, o, n, v < 0 ? -1 : 1);
        for (size_t i = 0; i < n; i++)
            ram_wr(&h->ram, o + 3 * h->W + i * h->L.digit_bytes, h->L.digit_bytes, d[i]);
        return o;
    }
    big_set_i64(&h->t3, v);
    return int_from_big(h, &h->t3);
}

bool int_to_i64_slow(const Heap *h, Addr o, int64_t *out)
{
    size_t n = int_ndigits(h, o);
    if (h->L.digit_bits != BIG_SHIFT || n > 3) return false;
    uint64_t m = 0;
    for (size_t i = n; i-- > 0;)
        m = m << BIG_SHIFT | ram_rd(&h->ram, o + 3 * h->W + i * h->L.digit_bytes, h->L.digit_bytes);
    if (n == 3 && (ram_rd(&h->ram, o + 3 * h->W + 2 * h->L.digit_bytes, h->L.digit_bytes) >> 4)) return false;
    int s = int_sign(h, o);
    if (s < 0) {
        if (m > (uint64_t)INT64_MAX + 1) return false;
        *out = m == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)m;
    } else {
        if (m > (uint64_t)INT64_MAX) return false;
        *out = (int64_t)m;
    }
    return true;
}

static void init_static_int(Heap *h, Addr o, TypeId t, int64_t v)
{
    heap_static_header(h, o, t);
    uint64_t m = v < 0 ? (uint64_t)-v : (uint64_t)v;
    int_set_size(h, o, m ? 1 : 0, v > 0 ? 1 : v < 0 ? -1 : 0);
    ram_wr(&h->ram, o + 3 * h->W, h->L.digit_bytes, m);
}

void heap_int_init(Heap *h)
{
    const Layout *L = &h->L;
    uint64_t count = (uint64_t)(L->small_int_max - L->small_int_min + 1);
    h->small_ints = heap_static_alloc(h, count * L->small_int_stride, L->alignment);
    if (!h->small_ints) return;
    for (int64_t v = L->small_int_min; v <= L->small_int_max; v++)
        init_static_int(h, heap_small_int_addr(h, v), TY_INT, v);
    h->false_ = heap_static_alloc(h, L->bool_size, L->alignment);
    h->true_ = heap_static_alloc(h, L->bool_size, L->alignment);
    if (!h->false_ || !h->true_) { h->small_ints = 0; return; }
    init_static_int(h, h->false_, TY_BOOL, 0);
    init_static_int(h, h->true_, TY_BOOL, 1);
}
