/*
** vm/lib_coll.c: the methods of list, tuple and dict, and list sorting in
** CPython's comparison order.
*/
#include "vm/native.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vm/ops.h"

/*
** Sorting as CPython's listsort (Objects/listsort.txt) orders its
** comparisons, so that a TypeError names the same pair: runs found by
** count_run, extended to 'minrun' by binary insertion, merged in powersort's
** order (3.11+) by merge_lo and merge_hi with their galloping. Only '<' is
** used; 'reverse' reverses before and after, for stability.
*/
/* An item being sorted: its key (the item itself without key=) and value;
** 'iv' is the key's value when every key is an int of at most two digits
** (SortState.ints): then '<' compares those, with no call and no failure,
** as CPython's unsafe_long_compare does. Stability makes the order the
** same either way. */
typedef struct SortItem { Addr k, v; int64_t iv; } SortItem;
/* 'strs': every key a str of one byte a character (ASCII or Latin-1),
** 'iv' its length: '<' compares bytes, as CPython's unsafe_latin_compare. */
/* 'tuples': every key a tuple, '<' tries tuple_lt_fast first; 'first':
** besides, every key's first item an int of at most two digits, 'iv' its
** value, which decides unless two are equal (unsafe_tuple_compare with
** unsafe_long_compare for the first items). */
typedef struct SortState { Vm *vm; bool failed; bool ints, strs, tuples, first; ptrdiff_t min_gallop; } SortState;

/* x[i] against y[i] of two tuple keys for unsafe_tuple_compare: 0 when they
** are equal (as PyObject_RichCompareBool(Py_EQ) finds: the same object, or
** equal values), else 1 and *less set to x[i] < y[i]; -1 when they are not
** two ints of at most two digits, two floats or two one-byte str. */
static inline int item_order(const Heap *h, Addr x, Addr y, bool *less)
{
    if (x == y) return 0;
    Addr tx = obj_type_addr(h, x), ty = obj_type_addr(h, y);
    int64_t p, q;
    if ((tx == heap_type_obj(h, TY_INT) || tx == heap_type_obj(h, TY_BOOL))
        && (ty == heap_type_obj(h, TY_INT) || ty == heap_type_obj(h, TY_BOOL))) {
        if (!int_small(h, x, &p) || !int_small(h, y, &q)) return -1;
        *less = p < q;
        return p != q;
    }
    if (tx != ty) return -1;
    if (tx == heap_type_obj(h, TY_FLOAT)) {
        double a = float_value(h, x), b = float_value(h, y);
        *less = a < b;                          /* a NaN: not equal, not less */
        return a != b;
    }
    if (tx == heap_type_obj(h, TY_STR) && str_kind(h, x) == 1 && str_kind(h, y) == 1) {
        size_t m = str_len(h, x), n = str_len(h, y);
        int c = memcmp(str_data(h, x), str_data(h, y), m < n ? m : n);
        *less = c < 0 || (c == 0 && m < n);
        return c != 0 || m != n;
    }
    return -1;
}

/* '<' of two tuple keys as CPython's unsafe_tuple_compare decides it: the
** first items that are not equal decide, else the shorter is less. -1
** when an item pair is not item_order's: op_order then walks them all. */
static int tuple_lt_fast(const Heap *h, Addr x, Addr y, size_t from)
{
    /* ob_size is never negative: read unsigned, the word inline */
    size_t m = (size_t)ram_word(&h->ram, x + 2 * h->W), n = (size_t)ram_word(&h->ram, y + 2 * h->W);
    for (size_t i = from; i < m && i < n; i++) {
        bool less;
        int c = item_order(h, ram_word(&h->ram, tuple_item_at(h, x, i)), ram_word(&h->ram, tuple_item_at(h, y, i)), &less);
        if (c < 0) return -1;
        if (c) return less;
    }
    return m < n;
}

static __attribute__((noinline)) bool lt_general(SortState *ss, SortItem x, SortItem y)
{
    if (ss->strs) {
        Heap *h = H(ss->vm);
        size_t n = (size_t)(x.iv < y.iv ? x.iv : y.iv);
        int c = memcmp(str_data(h, x.k), str_data(h, y.k), n);
        return c < 0 || (c == 0 && x.iv < y.iv);
    }
    if (ss->failed) return false;
    if (ss->tuples) {
        if (ss->first && x.iv != y.iv) return x.iv < y.iv;
        int c = tuple_lt_fast(H(ss->vm), x.k, y.k, ss->first);
        if (c >= 0) return c;
    }
    int c = op_order(ss->vm, x.k, y.k, "<");
    if (c == -2) { ss->failed = true; return false; }
    return c == -1;
}

/* x < y: small int keys compare inline (a call per compare was most of
** sorting a sorted list of ints), the rest in lt_general. */
static inline __attribute__((always_inline)) bool lt(SortState *ss, SortItem x, SortItem y)
{
    return ss->ints ? x.iv < y.iv : lt_general(ss, x, y);
}

static void reverse_items(SortItem *a, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) { SortItem t = a[i]; a[i] = a[n - 1 - i]; a[n - 1 - i] = t; }
}

static size_t count_run(SortState *ss, SortItem *lo, size_t n, bool *descending)
{
    *descending = false;
    if (n == 1) return 1;
    size_t k = 2;
    if (lt(ss, lo[1], lo[0])) {
        *descending = true;
        while (k < n && lt(ss, lo[k], lo[k - 1])) k++;
    } else {
        while (k < n && !ss->failed && !lt(ss, lo[k], lo[k - 1])) k++;
    }
    return k;
}

static void binarysort(SortState *ss, SortItem *lo, size_t n, size_t start)
{
    if (start == 0) start = 1;
    for (; start < n && !ss->failed; start++) {
        SortItem pivot = lo[start];
        size_t l = 0, r = start;
        do {
            size_t p = l + ((r - l) >> 1);
            if (lt(ss, pivot, lo[p])) r = p; else l = p + 1;
        } while (l < r && !ss->failed);
        memmove(lo + l + 1, lo + l, (start - l) * sizeof *lo);
        lo[l] = pivot;
    }
}

static size_t compute_minrun(size_t n)
{
    size_t r = 0;
    while (n >= 64) { r |= n & 1; n >>= 1; }
    return n + r;
}

/* '<' for the merges: 1 or 0, -1 once a comparison has failed (the sort
** stops there, as listsort's IFLT jumps to fail). */
static int islt(SortState *ss, SortItem x, SortItem y)
{
    bool r = lt(ss, x, y);
    return ss->failed ? -1 : r;
}

enum { MIN_GALLOP = 7, MAX_PENDING = 85 };

/* Whether a[i] goes before key: a[i] < key for gallop_left, a[i] <= key
** (not key < a[i]) for gallop_right; -1 on failure. The compare that runs
** is the one listsort's function of that name makes. */
static int before(SortState *ss, SortItem x, SortItem key, bool right)
{
    int c = right ? islt(ss, key, x) : islt(ss, x, key);
    return c < 0 ? -1 : right ? !c : c;
}

/* gallop_left (right false): the k in 0..n with a[k-1] < key <= a[k];
** gallop_right: a[k-1] <= key < a[k]. Searched from a[hint] outwards by
** offsets 1, 3, 7, .., then by bisection; -1 on failure. listsort keeps
** the two apart; they differ only in 'before'. */
static ptrdiff_t gallop(SortState *ss, SortItem key, const SortItem *a, ptrdiff_t n, ptrdiff_t hint, bool right)
{
    ptrdiff_t ofs = 1, lastofs = 0, k;
    int c = before(ss, a[hint], key, right);
    if (c < 0) return -1;
    if (c) {                                    /* gallop towards the end */
        const ptrdiff_t maxofs = n - hint;
        while (ofs < maxofs) {
            if ((c = before(ss, a[hint + ofs], key, right)) < 0) return -1;
            if (!c) break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) ofs = maxofs;
        lastofs += hint;
        ofs += hint;
    } else {                                    /* towards the start */
        const ptrdiff_t maxofs = hint + 1;
        while (ofs < maxofs) {
            if ((c = before(ss, a[hint - ofs], key, right)) < 0) return -1;
            if (c) break;
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        if (ofs > maxofs) ofs = maxofs;
        k = lastofs;
        lastofs = hint - ofs;
        ofs = hint - k;
    }
    for (++lastofs; lastofs < ofs;) {           /* a[lastofs-1] goes before key, a[ofs] not */
        ptrdiff_t m = lastofs + ((ofs - lastofs) >> 1);
        if ((c = before(ss, a[m], key, right)) < 0) return -1;
        if (c) lastofs = m + 1; else ofs = m;
    }
    return ofs;
}
#define gallop_left(ss, key, a, n, hint) gallop(ss, key, a, n, hint, false)
#define gallop_right(ss, key, a, n, hint) gallop(ss, key, a, n, hint, true)

/* Merges the runs a[0..na) and b = a + na, b[0..nb), na <= nb, through
** tmp (na items), galloping when one run keeps winning: merge_lo. */
static int merge_lo(SortState *ss, SortItem *pa, ptrdiff_t na, SortItem *pb, ptrdiff_t nb, SortItem *tmp)
{
    memcpy(tmp, pa, (size_t)na * sizeof *pa);
    SortItem *dest = pa, *a = tmp, *b = pb;
    int result = -1;
    ptrdiff_t k, min_gallop = ss->min_gallop;
    *dest++ = *b++;
    if (--nb == 0) goto succeed;
    if (na == 1) goto copy_b;
    for (;;) {
        ptrdiff_t acount = 0, bcount = 0;       /* wins in a row */
        for (;;) {
            int c = islt(ss, *b, *a);
            if (c < 0) goto fail;
            if (c) {
                *dest++ = *b++;
                bcount++;
                acount = 0;
                if (--nb == 0) goto succeed;
                if (bcount >= min_gallop) break;
            } else {
                *dest++ = *a++;
                acount++;
                bcount = 0;
                if (--na == 1) goto copy_b;
                if (acount >= min_gallop) break;
            }
        }
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ss->min_gallop = min_gallop;
            if ((k = gallop_right(ss, *b, a, na, 0)) < 0) goto fail;
            acount = k;
            if (k) {
                memcpy(dest, a, (size_t)k * sizeof *a);
                dest += k;
                a += k;
                na -= k;
                if (na == 1) goto copy_b;
                if (na == 0) goto succeed;      /* only with an inconsistent '<' */
            }
            *dest++ = *b++;
            if (--nb == 0) goto succeed;
            if ((k = gallop_left(ss, *a, b, nb, 0)) < 0) goto fail;
            bcount = k;
            if (k) {
                memmove(dest, b, (size_t)k * sizeof *b);
                dest += k;
                b += k;
                nb -= k;
                if (nb == 0) goto succeed;
            }
            *dest++ = *a++;
            if (--na == 1) goto copy_b;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop;                           /* leaving galloping costs */
        ss->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (na) memcpy(dest, a, (size_t)na * sizeof *a);
    return result;
copy_b:                                         /* a's last item goes last */
    memmove(dest, b, (size_t)nb * sizeof *b);
    dest[nb] = *a;
    return 0;
}

/* The same from the top end, for na >= nb, through tmp (nb items):
** merge_hi. */
static int merge_hi(SortState *ss, SortItem *pa, ptrdiff_t na, SortItem *pb, ptrdiff_t nb, SortItem *tmp)
{
    memcpy(tmp, pb, (size_t)nb * sizeof *pb);
    SortItem *dest = pb + nb - 1, *basea = pa, *baseb = tmp, *a = pa + na - 1, *b = tmp + nb - 1;
    int result = -1;
    ptrdiff_t k, min_gallop = ss->min_gallop;
    *dest-- = *a--;
    if (--na == 0) goto succeed;
    if (nb == 1) goto copy_a;
    for (;;) {
        ptrdiff_t acount = 0, bcount = 0;
        for (;;) {
            int c = islt(ss, *b, *a);
            if (c < 0) goto fail;
            if (c) {
                *dest-- = *a--;
                acount++;
                bcount = 0;
                if (--na == 0) goto succeed;
                if (acount >= min_gallop) break;
            } else {
                *dest-- = *b--;
                bcount++;
                acount = 0;
                if (--nb == 1) goto copy_a;
                if (bcount >= min_gallop) break;
            }
        }
        ++min_gallop;
        do {
            min_gallop -= min_gallop > 1;
            ss->min_gallop = min_gallop;
            if ((k = gallop_right(ss, *b, basea, na, na - 1)) < 0) goto fail;
            k = na - k;
            acount = k;
            if (k) {
                dest -= k;
                a -= k;
                memmove(dest + 1, a + 1, (size_t)k * sizeof *a);
                na -= k;
                if (na == 0) goto succeed;
            }
            *dest-- = *b--;
            if (--nb == 1) goto copy_a;
            if ((k = gallop_left(ss, *a, baseb, nb, nb - 1)) < 0) goto fail;
            k = nb - k;
            bcount = k;
            if (k) {
                dest -= k;
                b -= k;
                memcpy(dest + 1, b + 1, (size_t)k * sizeof *b);
                nb -= k;
                if (nb == 1) goto copy_a;
                if (nb == 0) goto succeed;      /* only with an inconsistent '<' */
            }
            *dest-- = *a--;
            if (--na == 0) goto succeed;
        } while (acount >= MIN_GALLOP || bcount >= MIN_GALLOP);
        ++min_gallop;
        ss->min_gallop = min_gallop;
    }
succeed:
    result = 0;
fail:
    if (nb) memcpy(dest - (nb - 1), baseb, (size_t)nb * sizeof *baseb);
    return result;
copy_a:                                         /* b's first item goes first */
    memmove(dest + 1 - na, a + 1 - na, (size_t)na * sizeof *a);
    dest -= na;
    *dest = *b;
    return 0;
}

/* A pending run: where it starts, its length, its node's power. */
typedef struct { size_t base, len; int power; } Run;

/* Merges pending runs i and i + 1 (i is the second- or third-last). */
static int merge_at(SortState *ss, SortItem *base, Run *p, size_t *np, size_t i, SortItem *tmp)
{
    SortItem *pa = base + p[i].base, *pb = base + p[i + 1].base;
    ptrdiff_t na = (ptrdiff_t)p[i].len, nb = (ptrdiff_t)p[i + 1].len;
    p[i].len = (size_t)(na + nb);
    if (i + 3 == *np) p[i + 1] = p[i + 2];
    --*np;
    ptrdiff_t k = gallop_right(ss, *pb, pa, na, 0);     /* a's items already in place */
    if (k < 0) return -1;
    pa += k;
    na -= k;
    if (na == 0) return 0;
    nb = gallop_left(ss, pa[na - 1], pb, nb, nb - 1);   /* and b's */
    if (nb <= 0) return (int)nb;
    return na <= nb ? merge_lo(ss, pa, na, pb, nb, tmp) : merge_hi(ss, pa, na, pb, nb, tmp);
}

/* powersort's power of the run at s1 (n1 items) followed by n2 more, in a
** list of n: the depth where their midpoints' binary expansions of i/n part. */
static int powerloop(size_t s1, size_t n1, size_t n2, size_t n)
{
    int result = 0;
    size_t a = 2 * s1 + n1, b = a + n1 + n2;    /* twice the midpoints */
    for (;;) {
        ++result;
        if (a >= n) { a -= n; b -= n; }
        else if (b >= n) break;
        a <<= 1;
        b <<= 1;
    }
    return result;
}

/*
** Int keys in bulk: a stable LSD radix sort on their values (the sign bit
** flipped, so negatives come first), 11 bits a pass, skipping the digits
** every key shares. A stable sort by a total order has one result, so it
** is the merges' order, without their mispredicted compare per step.
*/
enum { RADIX_BITS = 11, RADIX_MIN = 256 };
static void radix_sort_ints(SortItem *a, size_t n, SortItem *tmp)
{
    const uint64_t flip = (uint64_t)1 << 63, mask = (1u << RADIX_BITS) - 1;
    uint64_t first = (uint64_t)a[0].iv ^ flip, diff = 0;
    for (size_t i = 1; i < n; i++) diff |= ((uint64_t)a[i].iv ^ flip) ^ first;
    SortItem *src = a, *dst = tmp;
    for (unsigned shift = 0; shift < 64; shift += RADIX_BITS) {
        if (!((diff >> shift) & mask)) continue;
        size_t at[1u << RADIX_BITS] = { 0 };
        for (size_t i = 0; i < n; i++) at[(((uint64_t)src[i].iv ^ flip) >> shift) & mask]++;
        for (size_t d = 0, sum = 0; d <= mask; d++) { size_t c = at[d]; at[d] = sum; sum += c; }
        for (size_t i = 0; i < n; i++) dst[at[(((uint64_t)src[i].iv ^ flip) >> shift) & mask]++] = src[i];
        SortItem *t = src; src = dst; dst = t;
    }
    if (src != a) memcpy(a, src, n * sizeof *a);
}

static int sort_items(Vm *vm, SortItem *a, size_t n, bool reverse, bool ints, bool strs)
{
    Heap *h = H(vm);
    SortState ss = { vm, false, ints, strs, !ints && !strs, !ints && !strs, MIN_GALLOP };
    for (size_t i = 0; i < n && ss.tuples; i++) {
        ss.tuples = obj_type(h, a[i].k) == TY_TUPLE;
        if (ss.first) {
            Addr f = ss.tuples && tuple_len(h, a[i].k) ? ram_word(&h->ram, tuple_item_at(h, a[i].k, 0)) : 0;
            TypeId t = f ? obj_type(h, f) : TY_NONE;
            ss.first = (t == TY_INT || t == TY_BOOL) && int_small(h, f, &a[i].iv);
        }
    }
    ss.first &= ss.tuples;
    if (n < 2) return 0;
    if (reverse) reverse_items(a, n);
    SortItem *tmp = xmalloc((n + 1) * sizeof *tmp);
    if (ints && n >= RADIX_MIN) {
        radix_sort_ints(a, n, tmp);
        free(tmp);
        if (reverse) reverse_items(a, n);
        return 0;
    }
    size_t minrun = compute_minrun(n);
    Run runs[MAX_PENDING];
    size_t nruns = 0;
    for (size_t lo = 0; lo < n;) {
        bool desc;
        size_t len = count_run(&ss, a + lo, n - lo, &desc);
        if (ss.failed) goto done;
        if (desc) reverse_items(a + lo, len);
        if (len < minrun) {
            size_t force = n - lo < minrun ? n - lo : minrun;
            binarysort(&ss, a + lo, force, len);
            if (ss.failed) goto done;
            len = force;
        }
        if (nruns) {                            /* found_new_run */
            int power = powerloop(runs[nruns - 1].base, runs[nruns - 1].len, len, n);
            while (nruns > 1 && runs[nruns - 2].power > power)
                if (merge_at(&ss, a, runs, &nruns, nruns - 2, tmp) < 0) goto done;
            runs[nruns - 1].power = power;
        }
        runs[nruns++] = (Run){ lo, len, 0 };
        lo += len;
    }
    while (nruns > 1) {                         /* merge_force_collapse */
        size_t i = nruns - 2;
        if (i > 0 && runs[i - 1].len < runs[i + 1].len) --i;
        if (merge_at(&ss, a, runs, &nruns, i, tmp) < 0) goto done;
    }
done:
    free(tmp);
    if (ss.failed) return -1;
    if (reverse) reverse_items(a, n);
    return 0;
}

int nat_list_sort(Vm *vm, Addr l, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    static const char *const ok[] = { "key", "reverse", NULL };
    if (!nat_only_kw(vm, "sort", kw, ok)) return -1;
    Addr key = nat_kwarg(vm, args, n, kw, "key");
    Addr rev = nat_kwarg(vm, args, n, kw, "reverse");
    if (key == h->none) key = 0;
    bool reverse = rev ? op_truth(vm, rev) == 1 : false;
    /* As list_sort_impl: the list is empty while its keys are made and
    ** its items sorted (a key function sees []), the items sorted in
    ** their own array, and a list changed meanwhile is an error. */
    ListHold held;
    list_hold(h, l, &held);
    size_t len = held.size;
    SortItem *a = xmalloc((len + 1) * sizeof *a);
    int st = 0;
    size_t nkeys = 0;
    Addr items = held.items;
    for (size_t i = 0; i < len; i++) {
        a[i].v = ram_word(&h->ram, items + (Addr)i * h->W);
        a[i].k = a[i].v;
        if (key) {                      /* keys first, as CPython computes them */
            Addr item = a[i].v;
            a[i].k = nat_call(vm, key, &item, 1);
            if (!a[i].k) { st = -1; break; }
            nkeys++;
        }
    }
    bool ints = st == 0;
    Addr int_t = heap_type_obj(h, TY_INT), bool_t = heap_type_obj(h, TY_BOOL);
    for (size_t i = 0; i < len && ints; i++) {
        Addr t = obj_type_addr(h, a[i].k);
        ints = (t == int_t || t == bool_t) && int_small(h, a[i].k, &a[i].iv);
    }
    bool strs = st == 0 && !ints;
    for (size_t i = 0; i < len && strs; i++) {
        strs = obj_type(h, a[i].k) == TY_STR && str_kind(h, a[i].k) == 1;
        a[i].iv = strs ? (int64_t)str_len(h, a[i].k) : 0;
    }
    bool keys_failed = st != 0;
    if (st == 0) st = sort_items(vm, a, len, reverse, ints, strs);
    if (st == 0)
        for (size_t i = 0; i < len; i++) ram_set_word(&h->ram, items + (Addr)i * h->W, a[i].v);
    /* the keys go in order, or from the last one made back when a key
    ** function raised */
    if (key && keys_failed) for (size_t i = nkeys; i-- > 0;) heap_decref(h, a[i].k);
    else if (key) for (size_t i = 0; i < nkeys; i++) heap_decref(h, a[i].k);
    free(a);
    if (!list_unhold(h, l, &held) && !keys_failed && st == 0) {
        vm_raise(vm, EXC_VALUE, "list modified during sort");
        st = -1;
    }
    return st;
}

/* ---------------- list methods ---------------- */

static Addr m_list_append(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    heap_incref(H(vm), args[0]);
    if (list_append(H(vm), self, args[0]) != 0) return nomem(vm);
    return none(vm);
}

static Addr m_list_extend(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    if (op_list_extend(vm, self, args[0]) != 0) return 0;
    return none(vm);
}

static Addr m_list_pop(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    size_t len = list_len(h, self);
    if (len == 0) return vm_raise(vm, EXC_INDEX, "pop from empty list");
    int64_t i = (int64_t)len - 1;
    if (n && !op_index(vm, args[0], &i)) return 0;
    if (i < 0) i += (int64_t)len;
    if (i < 0 || (uint64_t)i >= len) return vm_raise(vm, EXC_INDEX, "pop index out of range");
    return list_pop(h, self, (size_t)i);
}

static Addr m_list_insert(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    int64_t i;
    if (!op_index(vm, args[0], &i)) return 0;
    int64_t len = (int64_t)list_len(h, self);
    if (i < 0) { i += len; if (i < 0) i = 0; }
    if (i > len) i = len;
    heap_incref(h, args[1]);
    if (list_insert(h, self, (size_t)i, args[1]) != 0) return nomem(vm);
    return none(vm);
}

static int64_t list_find(Vm *vm, Addr l, Addr v, int64_t from)
{
    Heap *h = H(vm);
    for (size_t i = (size_t)from; i < list_len(h, l); i++) {
        int e = op_eq(vm, list_get(h, l, i), v);
        if (e < 0) return -2;
        if (e) return (int64_t)i;
    }
    return -1;
}

static Addr m_list_remove(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    int64_t i = list_find(vm, self, args[0], 0);
    if (i == -2) return 0;
    if (i < 0) return vm_raise(vm, EXC_VALUE, "list.remove(x): x not in list");
    heap_decref(H(vm), list_pop(H(vm), self, (size_t)i));
    return none(vm);
}

static Addr m_list_index(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    int64_t from = 0;
    if (n > 1 && !op_index(vm, args[1], &from)) return 0;
    if (from < 0) { from += (int64_t)list_len(H(vm), self); if (from < 0) from = 0; }
    int64_t i = list_find(vm, self, args[0], from);
    if (i == -2) return 0;
    if (i < 0) {
        StrBuf s; sb_init(&s); op_repr(vm, args[0], &s);
        vm_raise(vm, EXC_VALUE, "%s is not in list", s.s);
        sb_free(&s);
        return 0;
    }
    return chk(vm, int_from_i64(H(vm), i));
}

static Addr m_tuple_count(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    int64_t c = 0;
    for (size_t i = 0; i < tuple_len(h, self); i++) {
        int e = op_eq(vm, tuple_get(h, self, i), args[0]);
        if (e < 0) return 0;
        c += e;
    }
    return chk(vm, int_from_i64(h, c));
}

static Addr m_tuple_index(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    for (size_t i = 0; i < tuple_len(h, self); i++) {
        int e = op_eq(vm, tuple_get(h, self, i), args[0]);
        if (e < 0) return 0;
        if (e) return chk(vm, int_from_i64(h, (int64_t)i));
    }
    return vm_raise(vm, EXC_VALUE, "tuple.index(x): x not in tuple");
}

static Addr m_list_count(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    int64_t c = 0;
    for (size_t i = 0; i < list_len(h, self); i++) {
        int e = op_eq(vm, list_get(h, self, i), args[0]);
        if (e < 0) return 0;
        c += e;
    }
    return chk(vm, int_from_i64(h, c));
}

static Addr m_list_reverse(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    Heap *h = H(vm);
    list_reverse(h, self);
    return none(vm);
}

static Addr m_list_sort(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    if (npos(vm, n, kw)) return vm_raise(vm, EXC_TYPE, "sort() takes no positional arguments");
    if (nat_list_sort(vm, self, args, n, kw) != 0) return 0;
    return none(vm);
}

static Addr m_list_copy(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    Heap *h = H(vm);
    size_t len = list_len(h, self);
    Addr r = list_new(h, len);
    if (!r) return nomem(vm);
    if (len) heap_copy_refs(h, list_items(h, r), list_items(h, self), 1, len);
    return r;
}

static Addr m_list_clear(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    list_clear(H(vm), self);
    return none(vm);
}

/* ---------------- dict methods ---------------- */

static Addr m_dict_get(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    if (!op_check_hashable(vm, args[0])) return 0;
    Addr v = dict_get(H(vm), self, args[0]);
    if (!v) v = n > 1 ? args[1] : H(vm)->none;
    heap_incref(H(vm), v);
    return v;
}

static Addr dict_view(Vm *vm, Addr self, TypeId t)
{
    Addr v = heap_new_object(H(vm), t, 1, 0);
    if (!v) return nomem(vm);
    heap_incref(H(vm), self);
    obj_set_field(H(vm), v, 0, self);
    return v;
}

static Addr m_dict_keys(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return dict_view(vm, self, TY_DICTKEYS); }
static Addr m_dict_values(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return dict_view(vm, self, TY_DICTVALUES); }
static Addr m_dict_items(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return dict_view(vm, self, TY_DICTITEMS); }

static Addr m_dict_pop(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    if (!op_check_hashable(vm, args[0])) return 0;
    Addr v = dict_get(h, self, args[0]);
    if (!v) {
        if (n > 1) { heap_incref(h, args[1]); return args[1]; }
        StrBuf s; sb_init(&s); op_repr(vm, args[0], &s);
        vm_raise(vm, EXC_KEY, "%s", s.s);
        sb_free(&s);
        return 0;
    }
    heap_incref(h, v);
    dict_del(h, self, args[0]);
    return v;
}

static Addr m_dict_setdefault(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    if (!op_check_hashable(vm, args[0])) return 0;
    Addr v = dict_get(h, self, args[0]);
    if (!v) {
        v = n > 1 ? args[1] : h->none;
        heap_incref(h, v);
        if (dict_set(h, self, args[0], v) != 0) return nomem(vm);
    }
    heap_incref(h, v);
    return v;
}

static Addr m_dict_update(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    return nat_dict_update(vm, self, args, n, kw) != 0 ? 0 : none(vm);
}

static Addr m_dict_clear(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    dict_clear(H(vm), self);
    return none(vm);
}

static Addr m_dict_copy(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return nat_make_dict(vm, &self, 1, 0, false); }

const Native lib_coll_natives[] = {
    { "append", TY_LIST, m_list_append, 1, 1, false },
    { "extend", TY_LIST, m_list_extend, 1, 1, false },
    { "pop", TY_LIST, m_list_pop, 0, 1, false },
    { "insert", TY_LIST, m_list_insert, 2, 2, false },
    { "remove", TY_LIST, m_list_remove, 1, 1, false },
    { "index", TY_LIST, m_list_index, 1, 2, false },
    { "count", TY_LIST, m_list_count, 1, 1, false },
    { "reverse", TY_LIST, m_list_reverse, 0, 0, false },
    { "sort", TY_LIST, m_list_sort, 0, 0, true },
    { "copy", TY_LIST, m_list_copy, 0, 0, false },
    { "clear", TY_LIST, m_list_clear, 0, 0, false },
    { "get", TY_DICT, m_dict_get, 1, 2, false },
    { "keys", TY_DICT, m_dict_keys, 0, 0, false },
    { "values", TY_DICT, m_dict_values, 0, 0, false },
    { "items", TY_DICT, m_dict_items, 0, 0, false },
    { "pop", TY_DICT, m_dict_pop, 1, 2, false },
    { "setdefault", TY_DICT, m_dict_setdefault, 1, 2, false },
    { "update", TY_DICT, m_dict_update, 0, 1, true },
    { "copy", TY_DICT, m_dict_copy, 0, 0, false },
    { "clear", TY_DICT, m_dict_clear, 0, 0, false },
    { "count", TY_TUPLE, m_tuple_count, 1, 1, false },
    { "index", TY_TUPLE, m_tuple_index, 1, 1, false },
};
const size_t lib_coll_nnatives = sizeof lib_coll_natives / sizeof lib_coll_natives[0];
