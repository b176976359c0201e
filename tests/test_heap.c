/*
** tests/test_heap.c: heap/ on all four profiles: getsizeof of every object
** kind, the raw bytes of objects in simulated RAM, the small-int cache and
** immortal refcounts, reference counting and deallocation, the allocator.
**
** Every expected number is CPython's: the fact sheet
** (/work/shared/reference/cpython-object-model.md, section numbers given
** as §n) or a value printed by real CPython 3.11.7 / 3.12.1 x86_64 and by
** pyodide's 32-bit CPython 3.12 (wasm32 matches i386 except for dicts,
** which follow the i386 table, §1). Profile order everywhere:
** 0 = 3.12 64-bit, 1 = 3.12 32-bit, 2 = 3.11 64-bit, 3 = 3.11 32-bit.
*/
#define _DEFAULT_SOURCE 1       /* mincore */
#include <criterion/criterion.h>
#include <criterion/new/assert.h>
#include <criterion/parameterized.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "heap/obj_str.h"
#include "tests/support.h"

TestSuite(heap, .timeout = 120);

enum { P312_64, P312_32, P311_64, P311_32 };

static int pidx(const char *name)
{
    for (int i = 0; i < TV_NPROFILES; i++)
        if (strcmp(name, tv_profiles[i]) == 0) return i;
    cr_fatal("unknown profile %s", name);
    return -1;
}

static bool is64(int p) { return p == P312_64 || p == P311_64; }
static bool is312(int p) { return p == P312_64 || p == P312_32; }

/* Raw little-endian read of 'n' bytes of simulated RAM (all four profiles
** are little-endian, as x86_64 and i386 are). */
static uint64_t raw(const Heap *h, Addr a, unsigned n)
{
    const uint8_t *p = ram_ptr(&h->ram, a);
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;) v = v << 8 | p[i];
    return v;
}

static uint64_t word_at(const Heap *h, Addr a, int p) { return raw(h, a, is64(p) ? 8 : 4); }

static Addr int_dec(Heap *h, const char *dec)
{
    BigInt b;
    big_init(&b);
    bool neg = dec[0] == '-';
    const char *s = neg ? dec + 1 : dec;
    cr_assert(eq(int, big_from_string(&b, s, strlen(s), 10), 0));
    if (neg) big_neg(&b, &b);
    Addr o = int_from_big(h, &b);
    big_free(&b);
    cr_assert(o != 0);
    return o;
}

#define PER_PROFILE(test)                                                   \
    ParameterizedTestParameters(heap, test)                                 \
    {                                                                       \
        static TvProfileParam params[TV_NPROFILES];                         \
        size_t n = tv_profile_params(params);                               \
        return cr_make_param_array(TvProfileParam, params, n);              \
    }                                                                       \
    ParameterizedTest(TvProfileParam *param, heap, test)

/* ------------------------------------------------------------------ */
/* getsizeof                                                           */

/* §3: 0, 1, -1, 2**30, -2**30, 2**60, -2**60, 10**100, -10**100,
** 2**30-1, 2**60-1 (python3 and 3.12: 28 28 28 32 32 36 36 72 72 28 32). */
static const char *const int_values[] = {
    "0", "1", "-1", "1073741824", "-1073741824", "1152921504606846976",
    "-1152921504606846976",
    "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    "-10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
    "1073741823", "1152921504606846975",
};
static const unsigned int_sizes64[] = { 28, 28, 28, 32, 32, 36, 36, 72, 72, 28, 32 };
static const unsigned int_sizes32[] = { 16, 16, 16, 20, 20, 24, 24, 60, 60, 16, 20 };

PER_PROFILE(int_sizes_match_cpython)
{
    int p = pidx(param->name);
    Heap *h = tv_heap(param->name, NULL);
    for (size_t i = 0; i < sizeof int_values / sizeof *int_values; i++) {
        Addr o = int_dec(h, int_values[i]);
        unsigned want = is64(p) ? int_sizes64[i] : int_sizes32[i];
        cr_expect(eq(u64, heap_sizeof(h, o), want), "%s: getsizeof(%s)", param->name, int_values[i]);
        heap_decref(h, o);
    }
    /* the same values built from int64 where they fit */
    const int64_t v64[] = { 0, 1, -1, 1073741824, -1073741824, 1152921504606846976LL, -1152921504606846976LL };
    for (size_t i = 0; i < sizeof v64 / sizeof *v64; i++) {
        Addr o = int_from_i64(h, v64[i]);
        cr_assert(o != 0);
        unsigned want = is64(p) ? int_sizes64[i] : int_sizes32[i];
        cr_expect(eq(u64, heap_sizeof(h, o), want), "%s: getsizeof(%lld) from i64", param->name, (long long)v64[i]);
        heap_decref(h, o);
    }
    heap_free(h);
}

PER_PROFILE(scalar_sizes_match_cpython)
{
    int p = pidx(param->name);
    Heap *h = tv_heap(param->name, NULL);
    Addr f = float_new(h, 1.5);
    cr_assert(f != 0);
    cr_expect(eq(u64, heap_sizeof(h, f), is64(p) ? 24 : 16), "float");      /* §4 */
    heap_decref(h, f);
    Addr n = heap_none(h), t = heap_bool(h, true), fl = heap_bool(h, false);
    cr_expect(eq(u64, heap_sizeof(h, n), is64(p) ? 16 : 8), "None");
    cr_expect(eq(u64, heap_sizeof(h, t), is64(p) ? 28 : 16), "True");
    cr_expect(eq(u64, heap_sizeof(h, fl), is64(p) ? 28 : 16), "False");
    heap_decref(h, n); heap_decref(h, t); heap_decref(h, fl);
    heap_free(h);
}

/* §5 and measured: "", "a", "Hello", "Hello World", "é", "éé", "café",
** "€", "a€", "😀", "a😀" (ASCII, latin-1, UCS-2, UCS-4). */
static const char *const str_values[] = {
    "", "a", "Hello", "Hello World", "\xc3\xa9", "\xc3\xa9\xc3\xa9", "caf\xc3\xa9",
    "\xe2\x82\xac", "a\xe2\x82\xac", "\xf0\x9f\x98\x80", "a\xf0\x9f\x98\x80",
};
static const unsigned str_sizes[TV_NPROFILES][11] = {
    [P312_64] = { 41, 42, 46, 52, 61, 59, 61, 60, 62, 64, 68 },  /* python 3.12.1 */
    [P312_32] = { 21, 22, 26, 32, 33, 31, 33, 32, 34, 36, 40 },  /* pyodide 3.12, §5 D */
    [P311_64] = { 49, 50, 54, 60, 74, 75, 77, 76, 78, 80, 84 },  /* python 3.11.7 */
    [P311_32] = { 25, 26, 30, 36, 38, 39, 41, 40, 42, 44, 48 },  /* §5 B */
};

PER_PROFILE(str_sizes_match_cpython_for_every_kind)
{
    int p = pidx(param->name);
    Heap *h = tv_heap(param->name, NULL);
    for (size_t i = 0; i < sizeof str_values / sizeof *str_values; i++) {
        Addr s = str_from_cstr(h, str_values[i]);
        cr_assert(s != 0);
        cr_expect(eq(u64, heap_sizeof(h, s), str_sizes[p][i]), "%s: getsizeof(%s)", param->name, str_values[i]);
        heap_decref(h, s);
    }
    heap_free(h);
}

PER_PROFILE(str_kinds_follow_the_largest_code_point)
{
    Heap *h = tv_heap(param->name, NULL);
    const unsigned kinds[] = { 1, 1, 1, 1, 1, 1, 1, 2, 2, 4, 4 };
    for (size_t i = 0; i < sizeof str_values / sizeof *str_values; i++) {
        Addr s = str_from_cstr(h, str_values[i]);
        cr_expect(eq(u32, str_kind(h, s), kinds[i]), "kind of %s", str_values[i]);
        heap_decref(h, s);
    }
    heap_free(h);
}

/* The character data starts right after the header struct (§5): ASCII
** 40/20 (3.12) and 48/24 (3.11); compact 56/28 and 72/36. Each form ends
** with a NUL of one char width. */
PER_PROFILE(str_data_follows_the_version_header)
{
    int p = pidx(param->name);
    static const unsigned ascii_hdr[] = { 40, 20, 48, 24 }, compact_hdr[] = { 56, 28, 72, 36 };
    Heap *h = tv_heap(param->name, NULL);
    Addr s = str_from_cstr(h, "Hello");
    cr_assert(s != 0);
    cr_expect(eq(int, memcmp(ram_ptr(&h->ram, s + ascii_hdr[p]), "Hello", 6), 0), "ASCII data at +%u", ascii_hdr[p]);
    heap_decref(h, s);
    s = str_from_cstr(h, "a\xe2\x82\xac");            /* "a€", UCS-2 */
    cr_assert(s != 0);
    static const uint8_t ucs2[] = { 0x61, 0x00, 0xac, 0x20, 0x00, 0x00 };
    cr_expect(eq(int, memcmp(ram_ptr(&h->ram, s + compact_hdr[p]), ucs2, sizeof ucs2), 0), "UCS-2 data at +%u", compact_hdr[p]);
    heap_decref(h, s);
    s = str_from_cstr(h, "a\xf0\x9f\x98\x80");        /* "a😀", UCS-4 */
    cr_assert(s != 0);
    static const uint8_t ucs4[] = { 0x61, 0, 0, 0, 0x00, 0xf6, 0x01, 0x00, 0, 0, 0, 0 };
    cr_expect(eq(int, memcmp(ram_ptr(&h->ram, s + compact_hdr[p]), ucs4, sizeof ucs4), 0), "UCS-4 data at +%u", compact_hdr[p]);
    heap_decref(h, s);
    heap_free(h);
}

/* §11: one-character strings below U+0100 are singletons, from U+0100 not. */
PER_PROFILE(one_char_latin1_strings_are_singletons)
{
    Heap *h = tv_heap(param->name, NULL);
    Addr a = str_from_cstr(h, "\xc3\xa9"), b = str_from_cstr(h, "\xc3\xa9");
    cr_expect(eq(u64, a, b), "'é' is 'é'");
    Addr c = str_from_cstr(h, "\xe2\x82\xac"), d = str_from_cstr(h, "\xe2\x82\xac");
    cr_expect(ne(u64, c, d), "'€' is not '€'");
    heap_decref(h, a); heap_decref(h, b); heap_decref(h, c); heap_decref(h, d);
    heap_free(h);
}

PER_PROFILE(tuple_sizes_match_cpython)
{
    int p = pidx(param->name);
    Heap *h = tv_heap(param->name, NULL);
    const unsigned want64[] = { 40, 48, 64 }, want32[] = { 20, 24, 32 };   /* §6 */
    const size_t lens[] = { 0, 1, 3 };
    for (int i = 0; i < 3; i++) {
        Addr t = tuple_new(h, lens[i]);
        cr_assert(t != 0);
        for (size_t j = 0; j < lens[i]; j++) tuple_set(h, t, j, int_from_i64(h, (int64_t)j + 1));
        cr_expect(eq(u64, heap_sizeof(h, t), is64(p) ? want64[i] : want32[i]), "%zu-tuple", lens[i]);
        heap_decref(h, t);
    }
    heap_free(h);
}

PER_PROFILE(list_new_is_exact)
{
    int p = pidx(param->name);
    Heap *h = tv_heap(param->name, NULL);
    Addr l = list_new(h, 0);
    cr_assert(l != 0);
    cr_expect(eq(u64, heap_sizeof(h, l), is64(p) ? 56 : 28), "[]");           /* §7 */
    heap_decref(h, l);
    l = list_new(h, 5);                         /* [x, x, x, x, x] / [None] * 5: 96 / 48 */
    cr_assert(l != 0);
    cr_expect(eq(u64, heap_sizeof(h, l), is64(p) ? 96 : 48), "list of 5");
    cr_expect(eq(sz, list_len(h, l), 5));
    heap_decref(h, l);
    heap_free(h);
}

/* Sizes of a list after 0..70 appends: python3 (64) and pyodide (32). */
static const unsigned append64[71] = {
    56, 88, 88, 88, 88, 120, 120, 120, 120, 184, 184, 184, 184, 184, 184, 184, 184, 248, 248, 248,
    248, 248, 248, 248, 248, 312, 312, 312, 312, 312, 312, 312, 312, 376, 376, 376, 376, 376, 376, 376,
    376, 472, 472, 472, 472, 472, 472, 472, 472, 472, 472, 472, 472, 568, 568, 568, 568, 568, 568, 568,
    568, 568, 568, 568, 568, 664, 664, 664, 664, 664, 664,
};
static const unsigned append32[71] = {
    28, 44, 44, 44, 44, 60, 60, 60, 60, 92, 92, 92, 92, 92, 92, 92, 92, 124, 124, 124,
    124, 124, 124, 124, 124, 156, 156, 156, 156, 156, 156, 156, 156, 188, 188, 188, 188, 188, 188, 188,
    188, 236, 236, 236, 236, 236, 236, 236, 236, 236, 236, 236, 236, 284, 284, 284, 284, 284, 284, 284,
    284, 284, 284, 284, 284, 332, 332, 332, 332, 332, 332,
};
/* Sizes while popping those 70 items one by one (first: before any pop). */
static const unsigned pop64[71] = {
    664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664,
    664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 664, 408, 408, 408, 408, 408, 408, 408,
    408, 408, 408, 408, 408, 408, 408, 408, 408, 280, 280, 280, 280, 280, 280, 280, 280, 216, 216, 216,
    216, 184, 184, 152, 152, 120, 120, 120, 120, 88, 56,
};
static const unsigned pop32[71] = {
    332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332,
    332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 332, 204, 204, 204, 204, 204, 204, 204,
    204, 204, 204, 204, 204, 204, 204, 204, 204, 140, 140, 140, 140, 140, 140, 140, 140, 108, 108, 108,
    108, 92, 92, 76, 76, 60, 60, 60, 60, 44, 28,
};

PER_PROFILE(list_append_grows_like_cpython)
{
    int p = pidx(param->name);
    const unsigned *want = is64(p) ? append64 : append32;
    Heap *h = tv_heap(param->name, NULL);
    Addr l = list_new(h, 0);
    cr_assert(l != 0);
    for (int i = 0; i <= 70; i++) {
        cr_expect(eq(u64, heap_sizeof(h, l), want[i]), "%s: after %d appends", param->name, i);
        if (i < 70) cr_assert(eq(int, list_append(h, l, int_from_i64(h, i)), 0));
    }
    heap_decref(h, l);
    heap_free(h);
}

PER_PROFILE(list_pop_shrinks_like_cpython)
{
    int p = pidx(param->name);
    const unsigned *want = is64(p) ? pop64 : pop32;
    Heap *h = tv_heap(param->name, NULL);
    Addr l = list_new(h, 0);
    cr_assert(l != 0);
    for (int i = 0; i < 70; i++) cr_assert(eq(int, list_append(h, l, int_from_i64(h, i)), 0));
    for (int i = 0; i <= 70; i++) {
        cr_expect(eq(u64, heap_sizeof(h, l), want[i]), "%s: after %d pops", param->name, i);
        if (i < 70) {
            Addr v = list_pop(h, l, list_len(h, l) - 1);
            int64_t got;
            cr_assert(int_to_i64(h, v, &got));
            cr_expect(eq(i64, got, 69 - i));
            heap_decref(h, v);
        }
    }
    heap_decref(h, l);
    heap_free(h);
}

/* `l = []; l.extend(tuple(range(n)))` for n = 1..10 (python3, 64-bit):
** capacity n rounded up to even; 32-bit is 28 + 4 * capacity (§7). */
PER_PROFILE(list_preallocate_exact_rounds_to_even)
{
    int p = pidx(param->name);
    const unsigned want64[] = { 72, 72, 88, 88, 104, 104, 120, 120, 136, 136 };
    const unsigned want32[] = { 36, 36, 44, 44, 52, 52, 60, 60, 68, 68 };
    Heap *h = tv_heap(param->name, NULL);
    for (size_t n = 1; n <= 10; n++) {
        Addr l = list_new(h, 0);
        cr_assert(l != 0);
        cr_assert(eq(int, list_preallocate_exact(h, l, n), 0));
        cr_expect(eq(u64, heap_sizeof(h, l), is64(p) ? want64[n - 1] : want32[n - 1]), "preallocate %zu", n);
        heap_decref(h, l);
    }
    heap_free(h);
}

/* §8 table (i386 for 32-bit): str keys and int keys, 0..11 items. */
PER_PROFILE(dict_sizes_follow_the_fact_sheet_table)
{
    int p = pidx(param->name);
    Heap *h = tv_heap(param->name, NULL);
    for (int intkeys = 0; intkeys <= 1; intkeys++) {
        Addr d = dict_new(h);
        cr_assert(d != 0);
        for (int n = 0; n <= 11; n++) {
            unsigned want;
            if (n == 0) want = is64(p) ? 64 : 36;
            else if (n <= 5) want = intkeys ? (is64(p) ? 224 : 124) : (is64(p) ? 184 : 104);
            else if (n <= 10) want = intkeys ? (is64(p) ? 352 : 192) : (is64(p) ? 272 : 152);
            else want = intkeys ? (is64(p) ? 632 : 340) : (is64(p) ? 464 : 256);
            cr_expect(eq(u64, heap_sizeof(h, d), want), "%s: dict of %d %s keys", param->name, n, intkeys ? "int" : "str");
            char name[16];
            snprintf(name, sizeof name, "k%d", n);
            Addr k = intkeys ? int_from_i64(h, n) : str_from_cstr(h, name);
            cr_assert(k != 0);
            cr_assert(eq(int, dict_set(h, d, k, int_from_i64(h, n)), 0));
            heap_decref(h, k);
        }
        cr_expect(eq(sz, dict_len(h, d), 12));
        heap_decref(h, d);
    }
    heap_free(h);
}

/* ------------------------------------------------------------------ */
/* raw bytes                                                           */

PER_PROFILE(header_is_refcount_then_type_pointer)
{
    int p = pidx(param->name);
    unsigned W = is64(p) ? 8 : 4;
    Heap *h = tv_heap(param->name, NULL);
    Addr f = float_new(h, 2.5);
    Addr l = list_new(h, 0);
    Addr s = str_from_cstr(h, "Hello World");
    Addr i = int_from_i64(h, 123456);
    cr_assert(f && l && s && i);
    const Addr objs[] = { f, l, s, i };
    const TypeId types[] = { TY_FLOAT, TY_LIST, TY_STR, TY_INT };
    for (int k = 0; k < 4; k++) {
        cr_expect(eq(u64, raw(h, objs[k], W), 1), "refcount word of a new %s", heap_type_names[types[k]]);
        cr_expect(eq(u64, raw(h, objs[k] + W, W), heap_type_obj(h, types[k])), "type word of %s", heap_type_names[types[k]]);
    }
    heap_incref(h, l);
    cr_expect(eq(u64, raw(h, l, W), 2), "incref adds one to the word at id");
    heap_decref(h, l);
    cr_expect(eq(u64, raw(h, l, W), 1));
    /* float: the C double right after the header, IEEE 754 little-endian */
    cr_expect(eq(u64, raw(h, f + 2 * W, 8), 0x4004000000000000ULL), "2.5 as bits");
    /* list: ob_size, ob_item, allocated */
    for (int k = 0; k < 3; k++) cr_assert(eq(int, list_append(h, l, int_from_i64(h, k)), 0));
    cr_expect(eq(u64, raw(h, l + 2 * W, W), 3), "list ob_size");
    cr_expect(eq(u64, raw(h, l + 4 * W, W), 4), "list allocated after 3 appends");
    Addr items = raw(h, l + 3 * W, W);
    Addr two = int_from_i64(h, 2);
    cr_expect(eq(u64, raw(h, items + 2 * W, W), two), "ob_item[2] is the id of 2");
    heap_decref(h, two);
    heap_decref(h, f); heap_decref(h, l); heap_decref(h, s); heap_decref(h, i);
    heap_free(h);
}

/* §3: 3.11 ob_size 0->0, 1->1, -1->-1, 2**30->2, -2**60->-3;
** 3.12 lv_tag 0->1, 1->8, -1->10, 2**30->16, -2**60->26. */
PER_PROFILE(int_size_field_encoding_matches_version)
{
    int p = pidx(param->name);
    unsigned W = is64(p) ? 8 : 4;
    const int64_t vals[] = { 0, 1, -1, 1073741824, -1152921504606846976LL };
    const int64_t want311[] = { 0, 1, -1, 2, -3 };
    const int64_t want312[] = { 1, 8, 10, 16, 26 };
    Heap *h = tv_heap(param->name, NULL);
    for (int k = 0; k < 5; k++) {
        Addr o = int_from_i64(h, vals[k]);
        cr_assert(o != 0);
        uint64_t w = raw(h, o + 2 * W, W);
        int64_t got = W == 4 ? (int64_t)(int32_t)(uint32_t)w : (int64_t)w;
        cr_expect(eq(i64, got, is312(p) ? want312[k] : want311[k]), "%s: size field of %lld", param->name, (long long)vals[k]);
        heap_decref(h, o);
    }
    heap_free(h);
}

/* §3: 30-bit digits in 4-byte words, least significant first, on both
** word sizes. Digits from python3: 2**30+5 -> [5, 1];
** 123456789012 -> [0x3e991a14, 0x72]; 2**60-1 -> [0x3fffffff, 0x3fffffff];
** 10**100 -> 12 digits ending 0x249ad259, 0x4. */
PER_PROFILE(int_digits_are_30_bit_little_endian)
{
    int p = pidx(param->name);
    unsigned W = is64(p) ? 8 : 4;
    Heap *h = tv_heap(param->name, NULL);
    Addr a = int_from_i64(h, 1073741829);
    cr_assert(a != 0);
    static const uint8_t bytes_a[] = { 5, 0, 0, 0, 1, 0, 0, 0 };
    cr_expect(eq(int, memcmp(ram_ptr(&h->ram, a + 3 * W), bytes_a, 8), 0), "bytes of 2**30+5");
    Addr b = int_from_i64(h, 123456789012LL);
    cr_expect(eq(u64, raw(h, b + 3 * W, 4), 0x3e991a14));
    cr_expect(eq(u64, raw(h, b + 3 * W + 4, 4), 0x72));
    Addr c = int_from_i64(h, 1152921504606846975LL);
    cr_expect(eq(u64, raw(h, c + 3 * W, 4), 0x3fffffff));
    cr_expect(eq(u64, raw(h, c + 3 * W + 4, 4), 0x3fffffff));
    Addr d = int_dec(h, "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000");
    cr_expect(eq(u64, raw(h, d + 3 * W, 4), 0));
    cr_expect(eq(u64, raw(h, d + 3 * W + 40, 4), 0x249ad259));
    cr_expect(eq(u64, raw(h, d + 3 * W + 44, 4), 0x4));
    heap_decref(h, a); heap_decref(h, b); heap_decref(h, c); heap_decref(h, d);
    heap_free(h);
}

/* ------------------------------------------------------------------ */
/* small ints and immortality                                          */

PER_PROFILE(small_ints_are_one_array_with_cpython_stride)
{
    int p = pidx(param->name);
    Heap *h = tv_heap(param->name, NULL);
    unsigned stride = is64(p) ? 32 : 16;        /* §2: id(n+1) - id(n) */
    Addr m5 = int_from_i64(h, -5), z = int_from_i64(h, 0), one = int_from_i64(h, 1), top = int_from_i64(h, 256);
    cr_expect(eq(u64, one - z, stride));
    cr_expect(eq(u64, z - m5, 5 * stride));
    cr_expect(eq(u64, top - m5, 261 * (uint64_t)stride));
    Addr top2 = int_from_i64(h, 256);
    cr_expect(eq(u64, top, top2), "256 is 256");
    Addr a = int_from_i64(h, 257), b = int_from_i64(h, 257);
    cr_expect(ne(u64, a, b), "257 is not 257");
    Addr n6 = int_from_i64(h, -6), n6b = int_from_i64(h, -6);
    cr_expect(ne(u64, n6, n6b), "-6 is not -6");
    cr_expect(heap_is_static(h, top), "256 lives in the static segment");
    cr_expect(not(heap_is_static(h, a)), "257 lives on the heap");
    heap_decref(h, m5); heap_decref(h, z); heap_decref(h, one); heap_decref(h, top); heap_decref(h, top2);
    heap_decref(h, a); heap_decref(h, b); heap_decref(h, n6); heap_decref(h, n6b);
    heap_free(h);
}

/* §10: 3.12 immortal objects keep 4294967295 (64) / 1073741823 (32);
** 3.11 statics start at 999999999 and still count. */
PER_PROFILE(immortal_and_static_refcounts_follow_the_version)
{
    int p = pidx(param->name);
    Heap *h = tv_heap(param->name, NULL);
    Addr seven = int_from_i64(h, 7);
    if (is312(p)) {
        uint64_t imm = is64(p) ? 4294967295ULL : 1073741823ULL;
        cr_expect(eq(u64, word_at(h, seven, p), imm));
        heap_incref(h, seven);
        heap_incref(h, seven);
        cr_expect(eq(u64, word_at(h, seven, p), imm), "incref leaves an immortal alone");
        heap_decref(h, seven);
        heap_decref(h, seven);
        heap_decref(h, seven);
        cr_expect(eq(u64, word_at(h, seven, p), imm), "decref leaves an immortal alone");
        Addr none = heap_none(h);
        cr_expect(eq(u64, word_at(h, none, p), imm), "None is immortal");
        heap_decref(h, none);
    } else {
        cr_expect(eq(u64, word_at(h, seven, p), 1000000000ULL), "999999999 + our reference");
        heap_incref(h, seven);
        cr_expect(eq(u64, word_at(h, seven, p), 1000000001ULL));
        heap_decref(h, seven);
        heap_decref(h, seven);
        cr_expect(eq(u64, word_at(h, seven, p), 999999999ULL));
    }
    heap_free(h);
}

/* ------------------------------------------------------------------ */
/* reference counting and deallocation                                 */

PER_PROFILE(decref_to_zero_frees_and_live_count_returns)
{
    Heap *h = tv_heap(param->name, NULL);
    uint64_t start = heap_live_count(h);
    Addr f = float_new(h, 0.5);
    Addr i = int_from_i64(h, 1000);
    Addr s = str_from_cstr(h, "not interned text");
    cr_assert(f && i && s);
    cr_expect(eq(u64, heap_live_count(h), start + 3));
    cr_expect(heap_is_live(h, f) && heap_is_live(h, i) && heap_is_live(h, s));
    heap_decref(h, f); heap_decref(h, i); heap_decref(h, s);
    cr_expect(eq(u64, heap_live_count(h), start));
    cr_expect(not(heap_is_live(h, i)), "a freed int is no longer live");
    heap_free(h);
}

PER_PROFILE(list_items_lose_a_reference_when_the_list_dies)
{
    int p = pidx(param->name);
    Heap *h = tv_heap(param->name, NULL);
    uint64_t start = heap_live_count(h);
    Addr l = list_new(h, 0);
    Addr items[3];
    for (int k = 0; k < 3; k++) {
        items[k] = float_new(h, k + 0.25);
        cr_assert(items[k] != 0);
        heap_incref(h, items[k]);                   /* ours */
        cr_assert(eq(int, list_append(h, l, items[k]), 0));   /* the list's */
        cr_expect(eq(u64, word_at(h, items[k], p), 2));
    }
    heap_decref(h, l);
    for (int k = 0; k < 3; k++) cr_expect(eq(u64, word_at(h, items[k], p), 1), "item %d after the list died", k);
    cr_expect(eq(u64, heap_live_count(h), start + 3));
    for (int k = 0; k < 3; k++) heap_decref(h, items[k]);
    cr_expect(eq(u64, heap_live_count(h), start));
    heap_free(h);
}

PER_PROFILE(nested_containers_free_in_a_cascade)
{
    Heap *h = tv_heap(param->name, NULL);
    uint64_t start = heap_live_count(h);
    Addr outer = list_new(h, 0);
    Addr inner = list_new(h, 0);
    Addr t = tuple_new(h, 2);
    Addr d = dict_new(h);
    cr_assert(outer && inner && t && d);
    tuple_set(h, t, 0, float_new(h, 1.0));
    tuple_set(h, t, 1, str_from_cstr(h, "a tuple item!"));
    Addr k = str_from_cstr(h, "key");
    cr_assert(eq(int, dict_set(h, d, k, int_from_i64(h, 99999)), 0));
    heap_decref(h, k);
    cr_assert(eq(int, list_append(h, inner, t), 0));
    cr_assert(eq(int, list_append(h, inner, d), 0));
    cr_assert(eq(int, list_append(h, outer, inner), 0));
    cr_expect(gt(u64, heap_live_count(h), start + 6));
    heap_decref(h, outer);
    cr_expect(eq(u64, heap_live_count(h), start));
    heap_free(h);
}

PER_PROFILE(deeply_nested_list_frees_without_recursion)
{
    Heap *h = tv_heap(param->name, NULL);
    uint64_t start = heap_live_count(h);
    Addr l = list_new(h, 0);
    cr_assert(l != 0);
    for (int depth = 1; depth < 100000; depth++) {
        Addr outer = list_new(h, 0);
        cr_assert(outer != 0, "RAM full at depth %d", depth);
        cr_assert(eq(int, list_append(h, outer, l), 0));
        l = outer;
    }
    cr_expect(eq(u64, heap_live_count(h), start + 100000));
    heap_decref(h, l);
    cr_expect(eq(u64, heap_live_count(h), start));
    heap_free(h);
}

/* ------------------------------------------------------------------ */
/* the allocator                                                       */

PER_PROFILE(ids_are_aligned_like_pymalloc)
{
    int p = pidx(param->name);
    unsigned align = is64(p) ? 16 : 8;          /* §1, §2 */
    Heap *h = tv_heap(param->name, NULL);
    Addr objs[64];
    int n = 0;
    for (int k = 0; k < 8; k++) {
        objs[n++] = float_new(h, k);
        objs[n++] = int_from_i64(h, 1000 + k);
        objs[n++] = int_from_i64(h, ((int64_t)1 << 40) + k);
        objs[n++] = list_new(h, (size_t)k);
        objs[n++] = tuple_new(h, (size_t)k + 1);
        objs[n++] = dict_new(h);
        char text[64];
        snprintf(text, sizeof text, "%.*s", 3 + 7 * k, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghij");
        objs[n++] = str_from_cstr(h, text);
        objs[n++] = str_from_cstr(h, k % 2 ? "\xe2\x82\xac\xe2\x82\xac" : "caf\xc3\xa9!");
    }
    for (int k = 0; k < n; k++) {
        cr_assert(objs[k] != 0);
        cr_expect(eq(u64, objs[k] % align, 0), "id 0x%llx of a %s", (unsigned long long)objs[k], heap_type_names[obj_type(h, objs[k])]);
    }
    for (int k = 0; k < n; k++) heap_decref(h, objs[k]);
    Addr raw_blocks[4] = { heap_alloc(h, 1), heap_alloc(h, 24), heap_alloc(h, 100), heap_alloc(h, 2000) };
    for (int k = 0; k < 4; k++) cr_expect(eq(u64, raw_blocks[k] % align, 0), "block %d", k);
    heap_free(h);
}

PER_PROFILE(freed_block_is_reused_lifo)
{
    Heap *h = tv_heap(param->name, NULL);
    Addr a = heap_alloc(h, 40), b = heap_alloc(h, 40), c = heap_alloc(h, 40);
    cr_assert(a && b && c);
    cr_expect(ne(u64, a, b));
    heap_release(h, a, 40);
    heap_release(h, c, 40);
    cr_expect(eq(u64, heap_alloc(h, 40), c), "last freed, first reused");
    cr_expect(eq(u64, heap_alloc(h, 40), a));
    /* objects without a free list: a 2-digit int takes the block of the one just freed */
    Addr x = int_from_i64(h, (int64_t)1 << 40);
    Addr y = int_from_i64(h, ((int64_t)1 << 40) + 1);
    heap_decref(h, x);
    Addr z = int_from_i64(h, ((int64_t)1 << 41) + 3);
    cr_expect(eq(u64, z, x), "same-size int reuses the freed id");
    heap_decref(h, y); heap_decref(h, z);
    heap_free(h);
}

/* A fixed mix of allocations and frees; ids written to out[0..n). */
static size_t alloc_script(Heap *h, Addr *out)
{
    size_t n = 0;
    Addr keep[32];
    for (int k = 0; k < 32; k++) {
        keep[k] = k % 3 == 0 ? float_new(h, k) : k % 3 == 1 ? int_from_i64(h, 300 + k * 1000003LL) : list_new(h, (size_t)k);
        out[n++] = keep[k];
    }
    for (int k = 0; k < 32; k += 2) heap_decref(h, keep[k]);
    for (int k = 0; k < 16; k++) {
        Addr s = str_from_cstr(h, k % 2 ? "deterministic" : "ids everywhere");
        Addr l = list_new(h, 0);
        for (int j = 0; j < k; j++) list_append(h, l, int_from_i64(h, j));
        out[n++] = s;
        out[n++] = l;
        out[n++] = heap_alloc(h, 600 + 100 * (uint64_t)k);
    }
    return n;
}

PER_PROFILE(same_sequence_gives_same_ids_in_fresh_heaps)
{
    Heap *h1 = tv_heap(param->name, NULL), *h2 = tv_heap(param->name, NULL);
    Addr a[96], b[96];
    size_t n1 = alloc_script(h1, a), n2 = alloc_script(h2, b);
    cr_assert(eq(sz, n1, n2));
    for (size_t k = 0; k < n1; k++) {
        cr_assert(a[k] != 0);
        cr_expect(eq(u64, a[k], b[k]), "allocation %zu", k);
    }
    heap_free(h1);
    heap_free(h2);
}

Test(heap, tiny_profile_runs_out_of_ram_without_crashing)
{
    Heap *h = tv_heap("tiny", NULL);
    const uint64_t sizes[] = { 48, 16, 512, 513, 4096, 100000 };
    size_t cap = 1 << 20, n = 0;
    Addr *blocks = malloc(cap * sizeof *blocks);
    uint64_t *bsize = malloc(cap * sizeof *bsize);
    /* small blocks until the arenas are full, then larger ones until
    ** nothing is left; a bounded loop so a bug fails instead of hanging */
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        while (n < cap) {
            Addr b = heap_alloc(h, sizes[s]);
            if (!b) break;
            blocks[n] = b;
            bsize[n++] = sizes[s];
        }
    }
    cr_assert(lt(sz, n, cap), "RAM never ran out");
    cr_expect(gt(sz, n, 10000), "only %zu blocks before MemoryError", n);
    cr_expect(eq(u64, heap_alloc(h, 16), 0), "still full");
    cr_expect(eq(u64, float_new(h, 1.0), 0), "float_new reports MemoryError");
    cr_expect(eq(u64, int_from_i64(h, (int64_t)1 << 50), 0));
    cr_expect(eq(u64, str_from_cstr(h, "no room for this text"), 0));
    cr_expect(eq(u64, list_new(h, 3), 0));
    /* small ints and singletons need no RAM */
    Addr five = int_from_i64(h, 5);
    cr_expect(ne(u64, five, 0));
    heap_decref(h, five);
    for (size_t k = 0; k < n; k++) heap_release(h, blocks[k], bsize[k]);
    Addr again = heap_alloc(h, 48);
    cr_expect(ne(u64, again, 0), "RAM is usable again after freeing");
    free(blocks);
    free(bsize);
    heap_free(h);
}

Test(heap, list_append_on_full_ram_fails_cleanly)
{
    Heap *h = tv_heap("tiny", NULL);
    uint64_t start = heap_live_count(h);
    Addr l = list_new(h, 0);
    cr_assert(l != 0);
    int rc = 0;
    size_t k;
    /* a small int needs no RAM: only the item array grows */
    for (k = 0; k < 10000000 && rc == 0; k++) rc = list_append(h, l, int_from_i64(h, 7));
    cr_expect(eq(int, rc, -1), "append reported RAM full");
    cr_expect(lt(sz, k, (size_t)10000000));
    heap_decref(h, l);
    cr_expect(eq(u64, heap_live_count(h), start));
    heap_free(h);
}

/* A list's item array past the small threshold grows in place, downwards,
** while it is the lowest large block (heap_grow_large): its items keep
** their values, the array moves down by the growth, and no other large
** block is made for it. A block with another below it moves as before. */
PER_PROFILE(large_item_array_grows_in_place)
{
    Heap *h = tv_heap(param->name, NULL);
    Addr l = list_new(h, 0);
    cr_assert(l != 0);
    for (int j = 0; j < 200; j++) cr_assert(eq(int, list_append(h, l, int_from_i64(h, 1000 + j)), 0));
    Addr items = list_items(h, l), top = h->large_top;
    cr_expect(eq(u64, items, top), "the array is the lowest large block");
    uint64_t live = h->live_bytes;
    for (int j = 200; j < 400; j++) cr_assert(eq(int, list_append(h, l, int_from_i64(h, 1000 + j)), 0));
    cr_expect(lt(u64, list_items(h, l), items), "grew downwards");
    cr_expect(eq(u64, list_items(h, l), h->large_top), "still the lowest");
    cr_expect(eq(sz, h->nlarge_free, 0), "no array was left behind to free");
    for (int j = 0; j < 400; j++) {
        int64_t v = 0;
        cr_assert(int_small(h, list_get(h, l, (size_t)j), &v));
        cr_expect(eq(i64, v, 1000 + j), "item %d", j);
    }
    cr_expect(gt(u64, h->live_bytes, live));
    /* another large block below it: the next growth moves the array */
    Addr other = heap_alloc(h, 4000);
    cr_assert(other != 0 && other < list_items(h, l));
    cr_expect(eq(u64, heap_grow_large(h, list_items(h, l), 8 * list_capacity(h, l), 16 * list_capacity(h, l)), 0));
    heap_release(h, other, 4000);
    heap_decref(h, l);
    heap_free(h);
}

/* Host pages of simulated RAM [a, a + n) that are resident (whole pages). */
static uint64_t resident_bytes(Heap *h, Addr a, uint64_t n)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), p = (uintptr_t)ram_ptr(&h->ram, a);
    uintptr_t lo = (p + page - 1) & ~(page - 1), hi = (p + n) & ~(page - 1);
    if (hi <= lo) return 0;
    size_t np = (hi - lo) / page, in = 0;
    unsigned char *v = malloc(np);
    cr_assert(mincore((void *)lo, hi - lo, v) == 0);
    for (size_t i = 0; i < np; i++) in += v[i] & 1;
    free(v);
    return (uint64_t)in * page;
}

/* A freed large block gives its host pages back (the host follows the live
** heap), but the latest ones, up to 4 MiB, keep them until later frees
** push them out, and only what is still free is given back: a live
** block's bytes never read as zero. */
PER_PROFILE(freed_large_blocks_keep_their_pages_a_while)
{
    Heap *h = tv_heap(param->name, NULL);
    const uint64_t mib = 1024 * 1024;
    Addr b[12];
    for (int i = 0; i < 12; i++) {
        b[i] = heap_alloc(h, mib);
        cr_assert(b[i] != 0);
        memset(ram_ptr(&h->ram, b[i]), 0x11 + i, mib);
    }
    for (int i = 0; i < 12; i++) heap_release(h, b[i], mib);
    uint64_t kept = 0;
    for (int i = 0; i < 12; i++) kept += resident_bytes(h, b[i], mib);
    cr_expect(le(u64, kept, 4 * mib), "at most 4 MiB of freed blocks stay resident");
    cr_expect(ge(u64, kept, 3 * mib), "the latest freed blocks keep their pages");
    cr_expect(eq(u64, resident_bytes(h, b[0], mib), 0), "the first freed block was given back");

    /* blocks made and freed in a mixed order: every live block keeps its
    ** bytes (one checked per page) while older kept blocks are given back */
    Addr live[8] = { 0 };
    uint64_t size[8] = { 0 };
    uint32_t r = 12345;
    for (int step = 0; step < 400; step++) {
        r = r * 1103515245u + 12345u;
        int k = (int)((r >> 16) % 8);
        if (live[k]) {
            heap_release(h, live[k], size[k]);
            live[k] = 0;
        } else {
            size[k] = 256 * 1024 + ((r >> 8) % 1024) * 1024;
            live[k] = heap_alloc(h, size[k]);
            cr_assert(live[k] != 0);
            memset(ram_ptr(&h->ram, live[k]), 0x21 + k, size[k]);
        }
        for (int j = 0; j < 8; j++) {
            if (!live[j]) continue;
            const uint8_t *p = ram_ptr(&h->ram, live[j]);
            for (uint64_t o = 0; o < size[j]; o += 4096)
                if (p[o] != 0x21 + j) cr_fatal("step %d: block %d lost its byte at %llu", step, j, (unsigned long long)o);
        }
    }
    for (int j = 0; j < 8; j++) if (live[j]) heap_release(h, live[j], size[j]);
    heap_free(h);
}

/* PyObject_Realloc (heap_realloc): a pymalloc block stays while the new
** size fits its class and uses over 3/4 of it; a growth past the class
** takes a new block before freeing the old one (never the same address);
** a large block grows in place into a free block right after it, and a
** moved large block leaves room behind it for the next growth. */
PER_PROFILE(realloc_follows_pymalloc_and_grows_large_blocks_in_place)
{
    Heap *h = tv_heap(param->name, NULL);
    uint64_t a = h->L.alignment;
    Addr b = heap_alloc(h, 3 * a);
    cr_assert(b != 0);
    uint8_t *p = ram_ptr(&h->ram, b);
    for (unsigned i = 0; i < 3 * a; i++) p[i] = (uint8_t)i;
    cr_expect(eq(u64, heap_realloc(h, b, 3 * a, 3 * a - 1), b), "same class");
    cr_expect(eq(u64, heap_realloc(h, b, 3 * a, 3 * a - a / 2), b), "shrunk by less than 1/4");
    uint64_t live = h->live_bytes;
    Addr c = heap_realloc(h, b, 3 * a, 3 * a + 1);
    cr_assert(c != 0);
    cr_expect(ne(u64, c, b), "grown past the class: moved");
    cr_expect(eq(u64, h->live_bytes, live + a), "one class up");
    for (unsigned i = 0; i < 3 * a; i++) cr_expect(eq(u8, ram_ptr(&h->ram, c)[i], (uint8_t)i), "byte %u", i);
    Addr d = heap_alloc(h, 3 * a);
    cr_expect(eq(u64, d, b), "the old block was freed (LIFO)");
    Addr e = heap_realloc(h, c, 3 * a + 1, a);
    cr_expect(ne(u64, e, c), "shrunk to under 3/4: moved to a smaller class");
    heap_release(h, d, 3 * a);
    heap_release(h, e, a);

    /* large: the newest block moves down once, then grows into the room
    ** its old block left */
    uint64_t t = h->L.small_threshold, live0 = h->live_bytes;
    Addr big = heap_alloc(h, t + 100);
    cr_assert(big != 0);
    ram_ptr(&h->ram, big)[t + 99] = 0x5A;
    Addr moved = heap_realloc(h, big, t + 100, t + 200);
    cr_assert(moved != 0 && moved != big);
    cr_expect(eq(u8, ram_ptr(&h->ram, moved)[t + 99], 0x5A), "contents copied");
    int stays = 0;
    for (uint64_t n = t + 200; n < 2 * t + 200; n += 16) stays += heap_realloc(h, moved, n, n + 16) == moved;
    cr_expect(eq(int, stays, (int)(t / 16)), "grew in place into the freed block");
    cr_expect(eq(u64, h->live_bytes, live0 + 2 * t + 200));
    heap_release(h, moved, 2 * t + 200);
    cr_expect(eq(u64, h->live_bytes, live0));
    heap_free(h);
}

/* PyUnicode_Append (str_append): a str only one reference holds grows in
** place while its block's class holds; a hashed, shared or narrower one
** gives a new string. */
PER_PROFILE(str_append_resizes_only_an_unshared_unhashed_str)
{
    Heap *h = tv_heap(param->name, NULL);
    Addr s = str_from_cstr(h, "abcdefghij"), dot = str_from_cstr(h, ".");
    int kept = 0;
    for (int i = 0; i < 40; i++) {
        Addr before = s;
        s = str_append(h, s, dot);
        cr_assert(s != 0);
        kept += s == before;
    }
    cr_expect(eq(sz, str_len(h, s), 50));
    cr_expect(eq(int, (int)str_data(h, s)[49], '.'));
    cr_expect(eq(int, (int)str_data(h, s)[50], 0), "NUL after the chars");
    cr_expect(eq(u64, obj_refcnt(h, s), 1));
    cr_expect(eq(u64, heap_sizeof(h, s), h->L.str_ascii_header + 51));
    /* moved only when the size crossed an alignment boundary */
    cr_expect(eq(int, 40 - kept, (int)((h->L.str_ascii_header + 51 - 1) / h->L.alignment
                                       - (h->L.str_ascii_header + 11 - 1) / h->L.alignment)), "moves");
    Addr twice = str_append(h, s, s);   /* right is left: a new string */
    cr_expect(ne(u64, twice, s));
    cr_expect(eq(sz, str_len(h, twice), 100));
    cr_expect(eq(int, (int)str_data(h, twice)[99], '.'));
    s = twice;
    heap_incref(h, s);                  /* shared: a new string, s kept */
    Addr t = str_append(h, s, dot);
    cr_expect(ne(u64, t, s));
    cr_expect(eq(u64, obj_refcnt(h, s), 1));
    heap_decref(h, s);
    str_hash(h, t);                     /* hashed: a new string, t released */
    Addr u = str_append(h, t, dot);
    cr_expect(ne(u64, u, t));
    cr_expect(eq(sz, str_len(h, u), 102));
    Addr e = str_from_cstr(h, "é");
    Addr v = str_append(h, u, e);       /* ASCII + latin-1: a new string */
    cr_expect(ne(u64, v, u));
    cr_expect(eq(u32, str_kind(h, v), 1));
    cr_expect(not(str_is_ascii(h, v)));
    heap_decref(h, v);
    heap_decref(h, e);
    heap_decref(h, dot);
    heap_free(h);
}

/* The untraced CPU loops have the standard builds' allocator numbers as
** constants (heap.h HEAP_ALIGN ...) and vm_run enters them only when
** heap_std_layout agrees: every CPython profile must, or its runs would
** silently take the slower generic loop; a profile with other numbers
** must not. */
Test(heap, cpython_profiles_have_the_fast_loops_numbers)
{
    static const char *const std[] = { "cpython-3.12-64bit", "cpython-3.12-32bit", "cpython-3.11-64bit", "cpython-3.11-32bit" };
    for (size_t i = 0; i < sizeof std / sizeof *std; i++) {
        Heap *h = tv_heap(std[i], NULL);
        cr_expect(heap_std_layout(h), "%s does not match the fast loops' numbers", std[i]);
        heap_free(h);
    }
    Profile p;
    tv_profile("cpython-3.12-64bit", &p);
    p.layout.small_int_max = 100;
    char err[256] = "";
    Heap *h = heap_new(&p.layout, err, sizeof err);
    cr_assert(h != NULL, "%s", err);
    cr_expect(heap_std_layout(h) == false, "small ints up to 100 still take the fast loops");
    heap_free(h);
}
