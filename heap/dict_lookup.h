/*
** heap/dict_lookup.h: finding a key in a dict's keys object, as static
** functions compiled into each unit that includes this file: heap/obj_dict.c
** and the CPU loops (vm/cpu.h), where the untraced loops read RAM directly
** with a constant word size (as heap/dealloc.h is shared). The layout is
** heap/obj_dict.c's: PyDictKeysObject {dk_refcnt, dk_log2_size,
** dk_log2_index_bytes, dk_kind, dk_version, dk_usable, dk_nentries,
** dk_indices[], entries[]}.
*/
#ifndef TRACEVM_DICT_LOOKUP_H
#define TRACEVM_DICT_LOOKUP_H

#include "heap/heap_internal.h"

enum { KIND_GENERAL = 0, KIND_UNICODE = 1 };
enum { IX_EMPTY = -1, IX_DUMMY = -2 };

/* PyDictObject: ma_keys follows the 8-byte ma_version_tag */
static inline Addr f_version(const Heap *h, Addr d) { return d + h->dict_version_at; }
static inline Addr f_keys(const Heap *h, Addr d) { return f_version(h, d) + 8; }
static inline Addr keys_of(const Heap *h, Addr d) { return ram_word(&h->ram, f_keys(h, d)); }
static inline Addr f_used(const Heap *h, Addr d) { (void)h; return d + 2 * HEAP_W(h); }
static inline Addr f_values(const Heap *h, Addr d) { return f_keys(h, d) + HEAP_W(h); }

static inline unsigned k_log2(const Heap *h, Addr k) { return (unsigned)ram_rd(&h->ram, k + HEAP_W(h), 1); }
static inline unsigned k_log2_ib(const Heap *h, Addr k) { return (unsigned)ram_rd(&h->ram, k + HEAP_W(h) + 1, 1); }
static inline unsigned k_kind(const Heap *h, Addr k) { return (unsigned)ram_rd(&h->ram, k + HEAP_W(h) + 2, 1); }
static inline Addr k_usable(const Heap *h, Addr k) { (void)h; return k + 2 * HEAP_W(h); }
static inline Addr k_nentries(const Heap *h, Addr k) { return dict_keys_nentries_at(h, k); }
static inline Addr k_indices(const Heap *h, Addr k) { (void)h; return k + 4 * HEAP_W(h); }

/* The smallest unicode table (PyDict_MINSIZE slots). Only these go onto the
** keys free list, which is as long as the dicts' (PyDict_MAXFREELIST, 3.11
** and 3.12's free_keys_object and new_keys_object); find_same_str scans them. */
static inline bool keys_recyclable(const Heap *h, unsigned log2, unsigned kind)
{
    return kind == KIND_UNICODE && ((size_t)1 << log2) == h->L.dict_min_slots;
}

/* Py_hash_t is a word: on 32-bit the probe's perturb is the hash's 32 bits
** unsigned (size_t), and entries hold those 32 bits, so a negative hash
** (sign-extended by heap_hash) is compared and probed by its word. */
static inline uint64_t hash_word(const Heap *h, uint64_t hash) { (void)h; return HEAP_W(h) == 4 ? (uint32_t)hash : hash; }

/* A keys object's geometry, read once per lookup instead of at every probe. */
typedef struct KeysView {
    Addr indices, entries;
    size_t mask;
    unsigned ixw;               /* bytes per index: 1, 2, 4 or 8 */
    unsigned esize;             /* bytes per entry */
    unsigned key_off;           /* the key's offset in an entry: general entries start with the hash */
    bool unicode;
} KeysView;

HEAP_HOT void keys_view(const Heap *h, Addr k, KeysView *v)
{
    unsigned log2 = k_log2(h, k), log2_ib = k_log2_ib(h, k);
    v->unicode = k_kind(h, k) == KIND_UNICODE;
    v->ixw = 1u << (log2_ib - log2);
    v->mask = ((size_t)1 << log2) - 1;
    v->indices = k_indices(h, k);
    v->entries = v->indices + ((Addr)1 << log2_ib);
    v->esize = (v->unicode ? 2 : 3) * HEAP_W(h);
    v->key_off = v->unicode ? 0 : HEAP_W(h);
}

HEAP_HOT int64_t view_ix(const Heap *h, const KeysView *v, size_t i)
{
    Addr a = v->indices + i * v->ixw;
    switch (v->ixw) {
    case 1: return (int8_t)ram_rd(&h->ram, a, 1);
    case 2: return (int16_t)ram_rd(&h->ram, a, 2);
    case 4: return (int32_t)ram_rd(&h->ram, a, 4);
    default: return (int64_t)ram_rd(&h->ram, a, 8);
    }
}

static inline void view_set_ix(Heap *h, const KeysView *v, size_t i, int64_t ix)
{
    ram_wr(&h->ram, v->indices + i * v->ixw, v->ixw, (uint64_t)ix);
}

/* Two tuples of ints of at most two digits, item by item: 1 equal, 0
** not, -1 when an item is something else (heap_key_eq decides). */
static inline int small_int_tuples_eq(const Heap *h, Addr a, Addr b)
{
    size_t n = tuple_len(h, a);
    if (n != tuple_len(h, b)) return 0;
    Addr it = heap_type_obj(h, TY_INT);
    for (size_t i = 0; i < n; i++) {
        Addr x = tuple_get(h, a, i), y = tuple_get(h, b, i);
        int64_t p, q;
        if (x == y) continue;
        if (obj_type_addr(h, x) != it || obj_type_addr(h, y) != it || !int_small(h, x, &p) || !int_small(h, y, &q)) return -1;
        if (p != q) return 0;
    }
    return 1;
}

/* heap_key_eq for two different objects whose hashes are equal, with the
** common cases first: two ints of at most two digits, two str, two tuples
** of such ints. */
static inline bool key_eq(Heap *h, Addr a, Addr b)
{
    Addr ta = obj_type_addr(h, a);
    if (ta == obj_type_addr(h, b)) {
        int64_t x, y;
        if (ta == heap_type_obj(h, TY_INT) && int_small(h, a, &x) && int_small(h, b, &y)) return x == y;
        if (ta == heap_type_obj(h, TY_STR)) return str_eq_fast(h, a, b);
        int e;
        if (ta == heap_type_obj(h, TY_TUPLE) && (e = small_int_tuples_eq(h, a, b)) >= 0) return e;
    }
    return heap_key_eq(h, a, b);
}

/* Finds 'key': returns the entry index, or -1; *slot gets the index slot
** where it is or would go, and *kslot (when found) the address of the
** entry's key (its value is the word after). */
HEAP_HOT int64_t lookup(Heap *h, Addr k, Addr key, uint64_t hash, size_t *slot, Addr *kslot)
{
    KeysView v;
    keys_view(h, k, &v);
    hash = hash_word(h, hash);
    size_t i = (size_t)hash & v.mask;
    uint64_t perturb = hash;
    size_t first_free = SIZE_MAX;
    for (;;) {
        int64_t ix = view_ix(h, &v, i);
        if (ix == IX_EMPTY) { *slot = first_free != SIZE_MAX ? first_free : i; return -1; }
        if (ix >= 0) {
            Addr e = v.entries + (Addr)ix * v.esize;
            Addr ek = ram_word(&h->ram, e + v.key_off);
            if (ek == key || (hash_word(h, v.unicode ? str_hash_fast(h, ek) : ram_word(&h->ram, e)) == hash && key_eq(h, ek, key))) {
                *slot = i;
                *kslot = e + v.key_off;
                return ix;
            }
        } else if (first_free == SIZE_MAX) {
            first_free = i;
        }
        perturb >>= 5;
        i = (i * 5 + perturb + 1) & v.mask;
    }
}

/* A small int's hash on 64-bit: itself (|v| < 2**60 < 2**61 - 1), -1
** excepted. False for anything else (heap_hash does it). */
static inline bool small_int_hash(const Heap *h, Addr o, uint64_t *hash)
{
    int64_t v;
    if (HEAP_W(h) != 8 || obj_type_addr(h, o) != heap_type_obj(h, TY_INT) || !int_small(h, o, &v)) return false;
    *hash = (uint64_t)(v == -1 ? -2 : v);
    return true;
}

/* tuplehash (3.8+): xxHash lanes of the items' hashes, for the word size
** (heap_hash's tuples, small_int_tuple_hash). */
static inline uint64_t tuplehash_start(const Heap *h) { (void)h; return HEAP_W(h) == 8 ? 2870177450012600261ull : 374761393u; }
static inline uint64_t tuplehash_lane(const Heap *h, uint64_t acc, uint64_t lane)
{
    (void)h;
    if (HEAP_W(h) == 8) {
        acc += lane * 14029467366897019727ull;
        acc = acc << 31 | acc >> 33;
        return acc * 11400714785074694791ull;
    }
    uint32_t a = (uint32_t)acc + (uint32_t)lane * 2246822519u;
    a = a << 13 | a >> 19;
    return (uint32_t)(a * 2654435761u);
}
static inline uint64_t tuplehash_end(const Heap *h, uint64_t acc, size_t n)
{
    (void)h;
    acc += n ^ (tuplehash_start(h) ^ 3527539UL);
    if (HEAP_W(h) == 4) acc = (uint32_t)acc;
    if (acc == (HEAP_W(h) == 8 ? UINT64_MAX : 0xFFFFFFFFu)) acc = 1546275796;
    return HEAP_W(h) == 4 ? (uint64_t)(int64_t)(int32_t)(uint32_t)acc : acc;
}

/* A tuple of ints of at most two digits (64-bit: small_int_hash's ints):
** its tuplehash, inline. False for anything else. */
static inline bool small_int_tuple_hash(const Heap *h, Addr o, uint64_t *hash)
{
    if (obj_type_addr(h, o) != heap_type_obj(h, TY_TUPLE)) return false;
    uint64_t acc = tuplehash_start(h), lane;
    size_t n = tuple_len(h, o);
    for (size_t i = 0; i < n; i++) {
        if (!small_int_hash(h, tuple_get(h, o, i), &lane)) return false;
        acc = tuplehash_lane(h, acc, lane);
    }
    *hash = tuplehash_end(h, acc, n);
    return true;
}

/*
** d["x"] with a literal key, in a dict of the smallest all-str table: the
** entry whose key is that very object, found by a scan of at most
** usable_fraction(PyDict_MINSIZE) entries instead of a probe. It is the
** entry the probe finds (a key is in a dict once; a deleted entry's key is
** NULL), and nothing runs on the way: str keys compare without user code.
*/
static inline bool find_same_str(const Heap *h, Addr d, Addr key, Addr *vslot)
{
    Addr k = keys_of(h, d);
    if (!keys_recyclable(h, k_log2(h, k), k_kind(h, k))) return false;
    Addr e = k_indices(h, k) + ((Addr)1 << k_log2_ib(h, k));
    Addr end = e + (Addr)ram_word(&h->ram, k_nentries(h, k)) * 2 * HEAP_W(h);
    for (; e < end; e += 2 * HEAP_W(h)) {
        if (ram_word(&h->ram, e) == key) { *vslot = e + HEAP_W(h); return true; }
    }
    return false;
}

/*
** Looks up an int or str key: 1 with *vslot at the slot of d[key]'s value,
** 0 when the key is not there, -1 for a key of another type (the caller
** takes the general path). A small int's hash is itself on 64-bit; a
** str's is the one it caches. A lookup changes no RAM but a str's cached
** hash, so nothing is counted or observed.
*/
static inline int dict_find(Heap *h, Addr d, Addr key, Addr *vslot)
{
    uint64_t hash;
    if (!small_int_hash(h, key, &hash)) {
        if (obj_type_addr(h, key) != heap_type_obj(h, TY_STR)) {
            if (!small_int_tuple_hash(h, key, &hash)) return -1;     /* d[(x, y)] */
        } else {
            if (find_same_str(h, d, key, vslot)) return 1;
            hash = str_hash_fast(h, key);
        }
    }
    if (!dict_len(h, d)) return 0;
    size_t slot;
    Addr ks;
    if (lookup(h, keys_of(h, d), key, hash, &slot, &ks) < 0) return 0;
    *vslot = ks + HEAP_W(h);
    return 1;
}

/* ---- making and freeing: a keys object, a dict ---- */

/* USABLE_FRACTION, (n << 1) / 3, as a multiply by the inverse of 3 for any
** table RAM can hold: a copy compiled for size (PGO's cold code) kept the
** 64-bit `div`, about 40 cycles, on the way of every new dict. */
static inline size_t usable_fraction(size_t n)
{
    uint64_t x = (uint64_t)n << 1;
    return x >> 32 ? (size_t)(x / 3) : (size_t)((x * 0xAAAAAAABull) >> 33);
}
/* dk_log2_index_bytes: indices are 1, 2, 4 or 8 bytes as the table grows */
static inline unsigned log2_index_bytes(unsigned log2) { return log2 + (log2 < 8 ? 0 : log2 < 16 ? 1 : log2 < 32 ? 2 : 3); }

/* A keys object's bytes: header, indices, usable_fraction entries. Read
** from the table heap_dict_init fills (keys_size_of), ~20 instructions
** less for every keys object made and freed. */
static inline uint64_t keys_size_of(const Heap *h, unsigned log2, unsigned kind)
{
    if (log2 > 40) return UINT64_MAX;           /* more than any RAM */
    uint64_t esize = kind == KIND_UNICODE ? h->L.dict_entry_str : h->L.dict_entry_generic;
    return h->L.dict_keys_header + ((uint64_t)1 << log2_index_bytes(log2)) + usable_fraction((size_t)1 << log2) * esize;
}
static inline uint64_t keys_bytes(const Heap *h, unsigned log2, unsigned kind) { return h->keys_size[kind][log2 & 63]; }

/* new_keys_object: every index EMPTY, every entry zero; 0 when RAM is full.
** A small unicode table comes from the keys free list first. */
static inline Addr new_keys(Heap *h, unsigned log2, unsigned kind)
{
    uint64_t bytes = keys_bytes(h, log2, kind);
    Addr k = h->nkeys_free && keys_recyclable(h, log2, kind) ? h->keys_free[--h->nkeys_free] : heap_alloc(h, bytes);
    if (!k) return 0;
    unsigned log2_ib = log2_index_bytes(log2);
    ram_set_word(&h->ram, k, 1);
    uint8_t *f = ram_ptr(&h->ram, k + HEAP_W(h));   /* bytes: no byte order */
    f[0] = (uint8_t)log2;
    f[1] = (uint8_t)log2_ib;
    f[2] = (uint8_t)kind;
    memset(f + 3, 0, 5);                            /* a pad byte, dk_version */
    ram_set_word(&h->ram, k_usable(h, k), usable_fraction((size_t)1 << log2));
    ram_set_word(&h->ram, k_nentries(h, k), 0);
    fill_words(ram_ptr(&h->ram, k_indices(h, k)), 0xFF, (size_t)1 << log2_ib);
    fill_words(ram_ptr(&h->ram, k_indices(h, k) + ((Addr)1 << log2_ib)), 0, bytes - h->L.dict_keys_header - ((uint64_t)1 << log2_ib));
    return k;
}

/* insert_to_emptydict's table for d's first key: a fresh keys object of
** PyDict_MINSIZE slots (unicode for a str key), where the key's first probe
** is free, so *slot needs no lookup; 0 when RAM is full. */
static inline Addr first_keys(Heap *h, Addr d, bool is_str, uint64_t hash, size_t *slot)
{
    size_t min = h->L.dict_min_slots;
    Addr k = new_keys(h, (unsigned)__builtin_ctz((unsigned)min), is_str ? KIND_UNICODE : KIND_GENERAL);
    if (!k) return 0;
    ram_set_word(&h->ram, f_keys(h, d), k);
    *slot = (size_t)hash_word(h, hash) & (min - 1);
    return k;
}

static inline void free_keys(Heap *h, Addr k)
{
    if (!k || k == h->empty_keys) return;
    unsigned log2 = k_log2(h, k), kind = k_kind(h, k);
    if (keys_recyclable(h, log2, kind) && h->nkeys_free < h->L.dict_freelist) { h->keys_free[h->nkeys_free++] = k; return; }
    /* a start-up table goes back to a start-up pool, which is not simulated */
    if (!heap_is_static(h, k)) heap_release(h, k, keys_bytes(h, log2, kind));
}

/* A dict object on 'keys' (which it takes), from the free list first
** when 'freelist' (new_dict; dict()'s tp_alloc takes a fresh block); 0
** when RAM is full. */
static inline Addr new_dict_object(Heap *h, Addr keys, bool freelist)
{
    Addr d;
    if (freelist && h->ndict_free) {
        d = h->dict_free[--h->ndict_free];
        if (HEAP_OBSERVED(h)) heap_revive(h, d, TY_DICT, h->L.dict_empty);
        else heap_revive_quiet(h, d, TY_DICT);
    } else {
        d = heap_make_hot(h, TY_DICT, h->L.dict_empty);
        if (!d) { free_keys(h, keys); return 0; }
    }
    ram_set_word(&h->ram, f_used(h, d), 0);
    ram_wr(&h->ram, f_version(h, d), 8, 0);
    ram_set_word(&h->ram, f_keys(h, d), keys);
    ram_set_word(&h->ram, f_values(h, d), 0);
    return d;
}
static inline Addr new_dict_with(Heap *h, Addr keys) { return new_dict_object(h, keys, true); }

/* Phase 2 of a dict's death (its keys and values are already released):
** the keys object back to the allocator, the dict onto its free list. */
static inline void dict_free_object(Heap *h, Addr d)
{
    free_keys(h, keys_of(h, d));
    if (h->ndict_free < h->L.dict_freelist) { h->dict_free[h->ndict_free++] = d; return; }
    heap_unmake_as(h, d, TY_DICT, h->L.dict_empty);
}

/*
** insertdict's append: 'key' (a reference taken here) and 'value' (the
** caller's reference) become entry dk_nentries of d's keys object 'k', at
** the free index slot 'slot' of key's probe; the table has room
** (dk_usable > 0).
*/
static inline void append_entry(Heap *h, Addr d, Addr k, Addr key, uint64_t hash, size_t slot, Addr value)
{
    KeysView v;
    keys_view(h, k, &v);
    size_t n = (size_t)ram_word(&h->ram, k_nentries(h, k));
    Addr e = v.entries + (Addr)n * v.esize;
    heap_incref(h, key);
    if (!v.unicode) ram_set_word(&h->ram, e, hash);
    ram_set_word(&h->ram, e + v.key_off, key);
    ram_set_word(&h->ram, e + v.key_off + HEAP_W(h), value);
    view_set_ix(h, &v, slot, (int64_t)n);
    ram_set_word(&h->ram, k_nentries(h, k), n + 1);
    ram_set_word(&h->ram, k_usable(h, k), ram_word(&h->ram, k_usable(h, k)) - 1);
    ram_set_word(&h->ram, f_used(h, d), dict_len(h, d) + 1);
}

/*
** d[key] = value for an int or str key, as dict_set stores it, without
** dict_set's generic RAM accessors (the loops without hooks): one probe
** finds the key (the new value in, the old one released last) or the free
** slot insertdict's find_empty_slot gives (the first deleted or empty slot
** of the probe). True when done, with a reference to 'value' taken here;
** false when dict_set must do it (a table to make larger, a str table
** meeting another key, another key type, a full RAM), with nothing
** changed but a str's cached hash.
*/
static inline bool dict_store(Heap *h, Addr d, Addr key, Addr value)
{
    uint64_t hash;
    bool is_str = !small_int_hash(h, key, &hash);
    if (is_str && obj_type_addr(h, key) != heap_type_obj(h, TY_STR)) return false;  /* a tuple: dict_set */
    if (is_str) hash = str_hash_fast(h, key);
    Addr k = keys_of(h, d), ks;
    size_t slot;
    if (k == h->empty_keys) {
        if (!(k = first_keys(h, d, is_str, hash, &slot))) return false;
    } else {
        if (!is_str && k_kind(h, k) == KIND_UNICODE) return false;
        if (lookup(h, k, key, hash, &slot, &ks) >= 0) {
            heap_incref(h, value);
            Addr old = ram_word(&h->ram, ks + HEAP_W(h));
            ram_set_word(&h->ram, ks + HEAP_W(h), value);
            heap_decref_fast(h, old);
            return true;
        }
        if (!ram_word(&h->ram, k_usable(h, k))) return false;
    }
    heap_incref(h, value);
    append_entry(h, d, k, key, hash, slot, value);
    return true;
}

/*
** A dict display {k0: v0, ..} of 1 to usable_fraction(PyDict_MINSIZE) pairs
** whose keys are str with distinct hashes, built as BUILD_MAP builds it:
** the dict, then insert_to_emptydict's fresh unicode keys object of
** PyDict_MINSIZE slots, then each key at the first free slot of its probe
** (no entry can match: the hashes differ). kv[] holds key, value, key, ..;
** their references go to the dict (the caller gives them up). 0 when the
** general path must build it (a key of another type, equal hashes, more
** pairs, a full RAM), and then nothing has changed but str hashes cached.
*/
static inline Addr dict_build_str(Heap *h, const Addr *kv, unsigned c)
{
    size_t min = h->L.dict_min_slots;
    uint64_t hs[8];
    if (c == 0 || c > usable_fraction(min) || c > 8) return 0;
    for (unsigned i = 0; i < c; i++) {
        if (obj_type_addr(h, kv[2 * i]) != heap_type_obj(h, TY_STR)) return 0;
        hs[i] = hash_word(h, str_hash_fast(h, kv[2 * i]));
        for (unsigned j = 0; j < i; j++)
            if (hs[j] == hs[i]) return 0;
    }
    unsigned log2 = (unsigned)__builtin_ctz((unsigned)min);
    if (log2 >= 8) return 0;                    /* 1-byte indices below */
    Addr d = new_dict_with(h, h->empty_keys);
    if (!d) return 0;
    Addr k = new_keys(h, log2, KIND_UNICODE);
    if (!k) { heap_decref(h, d); return 0; }
    ram_set_word(&h->ram, f_keys(h, d), k);
    Addr ix = k_indices(h, k), e = ix + min;
    unsigned esize = 2 * HEAP_W(h);
    for (unsigned i = 0; i < c; i++) {
        size_t mask = min - 1, slot = (size_t)hs[i] & mask;
        uint64_t perturb = hs[i];
        while (ram_rd(&h->ram, ix + slot, 1) != 0xFF) {
            perturb >>= 5;
            slot = (slot * 5 + perturb + 1) & mask;
        }
        ram_wr(&h->ram, ix + slot, 1, i);
        ram_set_word(&h->ram, e + i * esize, kv[2 * i]);
        ram_set_word(&h->ram, e + i * esize + HEAP_W(h), kv[2 * i + 1]);
    }
    ram_set_word(&h->ram, k_nentries(h, k), c);
    ram_set_word(&h->ram, k_usable(h, k), usable_fraction(min) - c);
    ram_set_word(&h->ram, f_used(h, d), c);
    return d;
}

#endif
