/*
** heap/obj_dict.c: dict as CPython 3.11/3.12 lays it out.
**   PyDictObject:     {refcnt, type, ma_used, ma_version_tag (u64), ma_keys, ma_values}
**   PyDictKeysObject: {dk_refcnt, dk_log2_size, dk_log2_index_bytes, dk_kind,
**                      dk_version, dk_usable, dk_nentries, dk_indices[], entries[]}
** Entries are {key, value} while every key is a str ("unicode" kind) and
** {hash, key, value} otherwise. A new dict shares the static empty keys
** object; tables start at 'dict_min_slots' and grow to the smallest power
** of two >= 3 * used, with 2/3 of the slots usable (dictobject.c).
*/
#include "heap/heap_internal.h"
#include "heap/dict_lookup.h"

#include <math.h>
#include <stdlib.h>

/* ---- PyDictKeysObject fields (the rest in heap/dict_lookup.h) ---- */
static unsigned ix_width(const Heap *h, Addr k) { return 1u << (k_log2_ib(h, k) - k_log2(h, k)); }
static Addr k_entries(const Heap *h, Addr k) { return k_indices(h, k) + ((Addr)1 << k_log2_ib(h, k)); }
static unsigned entry_words(const Heap *h, Addr k) { return k_kind(h, k) == KIND_UNICODE ? 2 : 3; }
static Addr entry(const Heap *h, Addr k, size_t i) { return k_entries(h, k) + i * entry_words(h, k) * h->W; }
/* key and value slots of entry e (general entries start with the hash) */
static Addr e_key(const Heap *h, Addr k, Addr e) { return e + (k_kind(h, k) == KIND_UNICODE ? 0 : h->W); }
static Addr e_value(const Heap *h, Addr k, Addr e) { return e_key(h, k, e) + h->W; }

static void set_ix(Heap *h, Addr k, size_t i, int64_t v)
{
    unsigned w = ix_width(h, k);
    ram_wr(&h->ram, k_indices(h, k) + i * w, w, (uint64_t)v);
}

static bool owns_keys(const Heap *h, Addr d) { return keys_of(h, d) != h->empty_keys; }

uint64_t dict_sizeof(Heap *h, Addr d)
{
    uint64_t size = h->L.dict_empty;
    if (owns_keys(h, d)) {
        Addr k = keys_of(h, d);
        size += keys_bytes(h, k_log2(h, k), k_kind(h, k));
    }
    return size;
}

void heap_dict_init(Heap *h)
{
    for (unsigned kind = KIND_GENERAL; kind <= KIND_UNICODE; kind++)
        for (unsigned log2 = 0; log2 < 64; log2++) h->keys_size[kind][log2] = keys_size_of(h, log2, kind);
    /* Py_EMPTY_KEYS: a static keys object of 1 slot, 0 usable */
    uint64_t bytes = h->L.dict_keys_header + 8;
    Addr k = heap_static_alloc(h, bytes, h->L.alignment);
    if (!k) return;
    ram_set_word(&h->ram, k, h->L.static_refcnt);
    ram_wr(&h->ram, k + h->W, 1, 0);
    ram_wr(&h->ram, k + h->W + 1, 1, 0);
    ram_wr(&h->ram, k + h->W + 2, 1, KIND_UNICODE);
    ram_set_word(&h->ram, k_usable(h, k), 0);
    ram_set_word(&h->ram, k_nentries(h, k), 0);
    ram_wr(&h->ram, k_indices(h, k), 1, 0xFF);
    h->empty_keys = k;
}

Addr dict_new(Heap *h) { return new_dict_with(h, h->empty_keys); }
Addr dict_new_fresh(Heap *h) { return new_dict_object(h, h->empty_keys, false); }

/* calculate_log2_keysize (dictobject.c): bit_length(((n | MIN) - 1) | (MIN - 1)).
** The OR means 1..7 round up to 16 slots, not 8, as CPython does. */
static unsigned log2_keysize(const Heap *h, size_t minsize)
{
    size_t min = h->L.dict_min_slots;
    size_t v = ((minsize | min) - 1) | (min - 1);
    unsigned bits = 0;
    while (v) { bits++; v >>= 1; }
    return bits;
}

Addr dict_new_presized(Heap *h, size_t n, bool unicode)
{
    if (n <= usable_fraction(h->L.dict_min_slots)) return dict_new(h);
    Addr k = new_keys(h, log2_keysize(h, (n * 3 + 1) / 2), unicode ? KIND_UNICODE : KIND_GENERAL);
    if (!k) return 0;
    return new_dict_with(h, k);
}

/* A module's namespace. CPython's have grown past PyDict_MINSIZE before a
** program sees them (__main__ holds nine names at start-up, a module many
** more than tracevm gives it), so their tables never meet the keys free
** list: one past the smallest table's usable slots gives the next size. */
Addr dict_new_module(Heap *h) { return dict_new_presized(h, usable_fraction(h->L.dict_min_slots) + 1, true); }

/* ---- hashing and key equality (numbers hash by value, as in CPython) ---- */

static uint64_t hash_modulus(const Heap *h) { return h->W == 8 ? ((uint64_t)1 << 61) - 1 : ((uint64_t)1 << 31) - 1; }
static unsigned hash_bits(const Heap *h) { return h->W == 8 ? 61 : 31; }

static uint64_t fix_hash(const Heap *h, int64_t x)
{
    if (x == -1) x = -2;
    return h->W == 4 ? (uint64_t)(int64_t)(int32_t)x : (uint64_t)x;
}

static uint64_t hash_int(Heap *h, Addr o)
{
    uint64_t P = hash_modulus(h);
    unsigned bits = hash_bits(h);
    int64_t small;
    if (int_small(h, o, &small)) {      /* |v| mod P, what the digit loop below computes */
        uint64_t m = small < 0 ? (uint64_t)0 - (uint64_t)small : (uint64_t)small;
        if (m >= P) m %= P;             /* 64-bit: never (|v| < 2**60); a division is slow */
        return fix_hash(h, small < 0 ? -(int64_t)m : (int64_t)m);
    }
    int_to_big(h, o, &h->t1);
    uint64_t x = 0;
    for (size_t i = h->t1.n; i-- > 0;) {
        x = ((x << BIG_SHIFT) & P) | (x >> (bits - BIG_SHIFT));
        x += h->t1.d[i];
        if (x >= P) x -= P;
    }
    int64_t v = h->t1.sign < 0 ? -(int64_t)x : (int64_t)x;
    return fix_hash(h, v);
}

static uint64_t hash_double(Heap *h, double v)
{
    if (isinf(v)) return fix_hash(h, v > 0 ? 314159 : -314159);
    if (isnan(v)) return 0;
    uint64_t P = hash_modulus(h);
    unsigned bits = hash_bits(h);
    int e;
    double m = frexp(v, &e);
    int sign = 1;
    if (m < 0) { sign = -1; m = -m; }
    uint64_t x = 0;
    while (m) {
        x = ((x << 28) & P) | x >> (bits - 28);
        m *= 268435456.0;
        e -= 28;
        uint64_t y = (uint64_t)m;
        m -= (double)y;
        x += y;
        if (x >= P) x -= P;
    }
    e = e >= 0 ? e % (int)bits : (int)bits - 1 - ((-1 - e) % (int)bits);
    x = ((x << e) & P) | x >> (bits - (unsigned)e);
    return fix_hash(h, (int64_t)x * sign);
}

uint64_t heap_hash(Heap *h, Addr o)
{
    uint64_t fast;
    if (small_int_hash(h, o, &fast)) return fast;
    switch (obj_type(h, o)) {
    case TY_STR: return str_hash_fast(h, o);
    case TY_INT: case TY_BOOL: return hash_int(h, o);
    case TY_FLOAT: {
        double v = float_value(h, o);
        return hash_double(h, v);
    }
    case TY_TUPLE: {               /* xxHash-based tuplehash (3.8+) */
        uint64_t acc = tuplehash_start(h);
        size_t n = tuple_len(h, o);
        for (size_t i = 0; i < n; i++) acc = tuplehash_lane(h, acc, heap_hash(h, tuple_get(h, o, i)));
        return tuplehash_end(h, acc, n);
    }
    default:                        /* identity hash: address rotated by 4 */
        return fix_hash(h, (int64_t)(o >> 4 | o << (h->W * 8 - 4)));
    }
}

static bool is_number(TypeId t) { return t == TY_INT || t == TY_BOOL || t == TY_FLOAT; }

bool heap_key_eq(Heap *h, Addr a, Addr b)
{
    if (a == b) return true;
    TypeId ta = obj_type(h, a), tb = obj_type(h, b);
    if (ta == TY_STR && tb == TY_STR) return str_eq(h, a, b);
    if (is_number(ta) && is_number(tb)) {
        if (ta != TY_FLOAT && tb != TY_FLOAT) {
            int64_t x, y;
            if (int_small(h, a, &x) && int_small(h, b, &y)) return x == y;
            int_to_big(h, a, &h->t1);
            int_to_big(h, b, &h->t2);
            return big_cmp(&h->t1, &h->t2) == 0;
        }
        double x, y;
        if (ta == TY_FLOAT) x = float_value(h, a); else { int_to_big(h, a, &h->t1); if (big_to_double(&h->t1, &x) != 0) return false; }
        if (tb == TY_FLOAT) y = float_value(h, b); else { int_to_big(h, b, &h->t1); if (big_to_double(&h->t1, &y) != 0) return false; }
        if (x != y) return false;
        /* an int equal to a float only if exact: compare back */
        if (ta != TY_FLOAT) { BigInt t; big_init(&t); big_from_double(&t, y); int_to_big(h, a, &h->t1); bool eq = big_cmp(&t, &h->t1) == 0; big_free(&t); return eq; }
        if (tb != TY_FLOAT) { BigInt t; big_init(&t); big_from_double(&t, x); int_to_big(h, b, &h->t1); bool eq = big_cmp(&t, &h->t1) == 0; big_free(&t); return eq; }
        return true;
    }
    if (ta == TY_TUPLE && tb == TY_TUPLE) {
        size_t n = tuple_len(h, a);
        if (n != tuple_len(h, b)) return false;
        for (size_t i = 0; i < n; i++)
            if (!heap_key_eq(h, tuple_get(h, a, i), tuple_get(h, b, i))) return false;
        return true;
    }
    return false;
}

/* ---- lookup, insert, resize ---- */

/* build_indices' probe: the first empty index slot for 'hash' in a table
** without deleted slots. */
static size_t view_free_slot(const Heap *h, const KeysView *v, uint64_t hash)
{
    hash = hash_word(h, hash);
    size_t i = (size_t)hash & v->mask;
    uint64_t perturb = hash;
    while (view_ix(h, v, i) >= 0) {
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & v->mask;
    }
    return i;
}

static size_t free_slot(Heap *h, Addr k, uint64_t hash)
{
    KeysView v;
    keys_view(h, k, &v);
    return view_free_slot(h, &v, hash);
}

/* dictresize: the live entries packed into a new keys object in their
** order, each indexed at its first free probe (build_indices); both
** objects' geometry read once. */
static int resize(Heap *h, Addr d, unsigned log2, unsigned kind)
{
    Addr old = keys_of(h, d);
    Addr k = new_keys(h, log2, kind);
    if (!k) return -1;
    size_t n = 0;
    if (old != h->empty_keys) {
        KeysView ov, nv;
        keys_view(h, old, &ov);
        keys_view(h, k, &nv);
        Addr W = h->W, e = ov.entries, end = e + (Addr)ram_word(&h->ram, k_nentries(h, old)) * ov.esize, out = nv.entries;
        for (; e < end; e += ov.esize) {
            Addr key = ram_word(&h->ram, e + ov.key_off);
            if (!key) continue;
            uint64_t hash = ov.unicode ? str_hash(h, key) : ram_word(&h->ram, e);
            if (!nv.unicode) ram_set_word(&h->ram, out, hash);
            ram_set_word(&h->ram, out + nv.key_off, key);
            ram_set_word(&h->ram, out + nv.key_off + W, ram_word(&h->ram, e + ov.key_off + W));
            view_set_ix(h, &nv, view_free_slot(h, &nv, hash), (int64_t)n);
            out += nv.esize;
            n++;
        }
    }
    ram_set_word(&h->ram, k_nentries(h, k), n);
    ram_set_word(&h->ram, k_usable(h, k), usable_fraction((size_t)1 << log2) - n);
    ram_set_word(&h->ram, f_keys(h, d), k);
    free_keys(h, old);
    return 0;
}

Addr dict_get(Heap *h, Addr d, Addr key)
{
    Addr vs = dict_value_slot(h, d, key);
    return vs ? ram_word(&h->ram, vs) : 0;
}

Addr dict_keys_object(const Heap *h, Addr d) { return keys_of(h, d); }
Addr dict_keys_field(const Heap *h, Addr d) { return f_keys(h, d); }
size_t dict_nentries(const Heap *h, Addr d) { return (size_t)ram_word(&h->ram, k_nentries(h, keys_of(h, d))); }

Addr dict_value_slot(Heap *h, Addr d, Addr key)
{
    if (dict_len(h, d) == 0) return 0;
    Addr k = keys_of(h, d);
    size_t slot;
    Addr ks;
    int64_t ix = lookup(h, k, key, heap_hash(h, key), &slot, &ks);
    return ix < 0 ? 0 : ks + h->W;
}

Addr dict_get_str(Heap *h, Addr d, const char *s)
{
    size_t pos = 0;
    Addr key, value;
    while (dict_next(h, d, &pos, &key, &value))
        if (obj_type(h, key) == TY_STR && str_eq_cstr(h, key, s)) return value;
    return 0;
}

int dict_set(Heap *h, Addr d, Addr key, Addr value)
{
    uint64_t hash = heap_hash(h, key);
    Addr k = keys_of(h, d);
    bool is_str = obj_type(h, key) == TY_STR;
    size_t slot;
    if (k == h->empty_keys) {
        if (!(k = first_keys(h, d, is_str, hash, &slot))) { heap_decref(h, value); return -1; }
    } else {
        if (!is_str && k_kind(h, k) == KIND_UNICODE) {
            if (resize(h, d, log2_keysize(h, dict_len(h, d) * 3), KIND_GENERAL) != 0) { heap_decref(h, value); return -1; }
            k = keys_of(h, d);
        }
        Addr ks;
        if (lookup(h, k, key, hash, &slot, &ks) >= 0) {
            Addr vslot = ks + h->W;
            Addr old = ram_word(&h->ram, vslot);
            ram_set_word(&h->ram, vslot, value);
            heap_decref(h, old);
            return 0;
        }
    }
    bool probed = true;                 /* 'slot' is this table's */
    if (ram_word(&h->ram, k_usable(h, k)) == 0) {
        if (resize(h, d, log2_keysize(h, dict_len(h, d) * 3), k_kind(h, k)) != 0) { heap_decref(h, value); return -1; }
        k = keys_of(h, d);
        probed = false;
    }
    /* CPython's insertdict takes find_empty_slot's slot: the first on the
    ** probe path that holds no entry (EMPTY or DUMMY): the one the lookup
    ** found, or a fresh table's first probe, unless the table was just
    ** replaced */
    if (!probed) slot = free_slot(h, k, hash);
    append_entry(h, d, k, key, hash, slot, value);
    return 0;
}

int dict_del(Heap *h, Addr d, Addr key)
{
    if (dict_len(h, d) == 0) return -1;
    Addr k = keys_of(h, d);
    size_t slot;
    Addr ks;
    int64_t ix = lookup(h, k, key, heap_hash(h, key), &slot, &ks);
    if (ix < 0) return -1;
    Addr e = entry(h, k, (size_t)ix);
    Addr oldk = ram_word(&h->ram, e_key(h, k, e)), oldv = ram_word(&h->ram, e_value(h, k, e));
    set_ix(h, k, slot, IX_DUMMY);
    ram_set_word(&h->ram, e_key(h, k, e), 0);
    ram_set_word(&h->ram, e_value(h, k, e), 0);
    ram_set_word(&h->ram, f_used(h, d), dict_len(h, d) - 1);
    heap_decref(h, oldk);
    heap_decref(h, oldv);
    return 0;
}

bool dict_next(const Heap *h, Addr d, size_t *pos, Addr *key, Addr *value)
{
    Addr k = keys_of(h, d);
    size_t ne = (size_t)ram_word(&h->ram, k_nentries(h, k));
    while (*pos < ne) {
        Addr e = entry(h, k, (*pos)++);
        Addr kk = ram_word(&h->ram, e_key(h, k, e));
        if (kk) {
            *key = kk;
            *value = ram_word(&h->ram, e_value(h, k, e));
            return true;
        }
    }
    return false;
}

static void decref_fn(Heap *h, Addr o) { heap_decref(h, o); }

void dict_clear(Heap *h, Addr d) { dict_clear_with(h, d, decref_fn); }

void dict_clear_with(Heap *h, Addr d, void (*release)(Heap *, Addr))
{
    /* as PyDict_Clear: back to the shared empty keys, then release entries */
    Addr k = keys_of(h, d);
    if (k == h->empty_keys) return;
    size_t ne = (size_t)ram_word(&h->ram, k_nentries(h, k));
    Addr *refs = xmalloc((2 * ne + 1) * sizeof *refs);
    size_t nr = 0;
    for (size_t i = 0; i < ne; i++) {
        Addr e = entry(h, k, i);
        Addr kk = ram_word(&h->ram, e_key(h, k, e));
        if (!kk) continue;
        refs[nr++] = kk;
        refs[nr++] = ram_word(&h->ram, e_value(h, k, e));
    }
    ram_set_word(&h->ram, f_keys(h, d), h->empty_keys);
    ram_set_word(&h->ram, f_used(h, d), 0);
    free_keys(h, k);
    for (size_t i = 0; i < nr; i++) release(h, refs[i]);
    free(refs);
}

/* Phase 1 of a dict's death (heap/heap.c free_one): drops key 0, value 0,
** key 1, ... as CPython's free_keys_object does. */
void dict_clear_refs(Heap *h, Addr d)
{
    Addr k = keys_of(h, d);
    size_t ne = (size_t)ram_word(&h->ram, k_nentries(h, k));
    for (size_t i = 0; i < ne; i++) {
        Addr e = entry(h, k, i);
        Addr kk = ram_word(&h->ram, e_key(h, k, e));
        if (!kk) continue;
        heap_decref(h, kk);
        heap_decref(h, ram_word(&h->ram, e_value(h, k, e)));
    }
}
