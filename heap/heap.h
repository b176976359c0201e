/*
** heap/heap.h: objects that live in simulated RAM, laid out byte for byte as
** the profiled CPython build lays them out: {ob_refcnt, ob_type[, ob_size]}
** then the type's fields; GC types carry a PyGC_Head in front of the id.
** heap/ owns allocation (pymalloc-like pools and arenas, free lists),
** reference counting and deallocation, the small-int cache, singletons and
** interning. Python semantics (errors, operators) live in vm/.
**
** References follow CPython's rules: a function returns a NEW reference
** unless its comment says "borrowed"; "steals" means it takes over the
** caller's reference. A function that allocates returns 0 when simulated
** RAM is full (the VM turns that into MemoryError).
*/
#ifndef TRACEVM_HEAP_H
#define TRACEVM_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "heap/bigint.h"
#include "heap/layout.h"
#include "heap/ram.h"
#include "heap/util.h"

/* Every type tracevm knows: id, Python name, GC-tracked. One list, so the
** type objects in static RAM, names and dispatch stay in step. */
#define HEAP_TYPES(X)                                         \
    X(TYPE,      "type",                        0)            \
    X(NONE,      "NoneType",                    0)            \
    X(BOOL,      "bool",                        0)            \
    X(INT,       "int",                         0)            \
    X(FLOAT,     "float",                       0)            \
    X(STR,       "str",                         0)            \
    X(TUPLE,     "tuple",                       1)            \
    X(LIST,      "list",                        1)            \
    X(DICT,      "dict",                        1)            \
    X(FUNCTION,  "function",                    1)            \
    X(BUILTIN,   "builtin_function_or_method",  1)            \
    X(MODULE,    "module",                      1)            \
    X(CODE,      "code",                        0)            \
    X(RANGE,     "range",                       0)            \
    X(SLICE,     "slice",                       1)            \
    X(LISTITER,  "list_iterator",               1)            \
    X(TUPLEITER, "tuple_iterator",              1)            \
    X(STRITER,   "str_ascii_iterator",          1)            \
    X(RANGEITER, "range_iterator",              0)            \
    X(DICTITER,  "dict_keyiterator",            1)            \
    X(DICTKEYS,  "dict_keys",                   1)            \
    X(DICTVALUES,"dict_values",                 1)            \
    X(DICTITEMS, "dict_items",                  1)            \
    X(ENUMERATE, "enumerate",                   1)            \
    X(ZIP,       "zip",                         1)            \
    X(FILE,      "_io.TextIOWrapper",           1)            \
    X(SQLCONN,   "sqlite3.Connection",          1)            \
    X(SQLCURSOR, "sqlite3.Cursor",              1)            \
    X(DICTVALITER, "dict_valueiterator",        1)            \
    X(DICTITEMITER, "dict_itemiterator",        1)            \
    X(DICTREVKEYITER, "dict_reversekeyiterator", 1)           \
    X(DICTREVVALITER, "dict_reversevalueiterator", 1)         \
    X(DICTREVITEMITER, "dict_reverseitemiterator", 1)         \
    X(LISTREVITER, "list_reverseiterator",      1)            \
    X(REVERSED,  "reversed",                    1)            \
    X(USTRITER,  "str_iterator",                1)            \
    X(LONGRANGEITER, "longrange_iterator",      0)            \
    X(MAP,       "map",                         1)            \
    X(FILTER,    "filter",                      1)

typedef enum {
#define X(id, name, gc) TY_##id,
    HEAP_TYPES(X)
#undef X
    TY__COUNT
} TypeId;

/* Static RAM keeps room for this many type objects, so that a type added
** later moves no other static object (None, the small ints, the latin-1
** strs) and golden traces keep their addresses. */
enum { TY_SLOTS = 64 };
_Static_assert((int)TY__COUNT <= (int)TY_SLOTS, "more types than TY_SLOTS reserves");

extern const char *const heap_type_names[TY__COUNT];
extern const bool heap_type_gc[TY__COUNT];

/* What the heap tells an observer (the tracer). */
typedef enum {
    HEV_ALLOC,      /* object 'addr' of 'type' created, 'size' bytes (getsizeof) */
    HEV_FREE,       /* object 'addr' freed */
    HEV_REFCNT,     /* refcount of 'addr' went 'before' -> 'after' */
    HEV_CACHED,     /* a cached/singleton object 'addr' was handed out */
    HEV_RESIZE      /* object 'addr' resized in place: 'before' -> 'after' bytes */
} HeapEventKind;

typedef struct HeapEvent {
    HeapEventKind kind;
    TypeId type;
    Addr addr;
    uint64_t size;
    uint64_t before, after;
} HeapEvent;

typedef void (*HeapObserver)(void *ud, const HeapEvent *e);

/* Large (over the pymalloc threshold) blocks: first fit, address-ordered. */
typedef struct LargeBlock { Addr addr; uint64_t size; } LargeBlock;

/* A pool in use (heap/alloc.c); public for the inline fast paths below. */
typedef struct Pool {
    Addr base;              /* pool_size-aligned address; 0 = not in use */
    unsigned szidx;         /* size class */
    unsigned nalloc;        /* blocks in use */
    Addr freeblock;         /* head of the free list in RAM, 0 = none */
    uint64_t nextoffset;    /* bump offset of the next never-used block */
    uint32_t next, prev;    /* usedpools links: index+1, 0 = none */
} Pool;
typedef struct InternTable { Addr *slots; size_t cap, count; } InternTable;

/* Fields are public so that the hot paths below can be inline; only heap/
** code changes them. */
typedef struct Heap {
    Layout L;
    Ram ram;
    unsigned W;                 /* word size, copied for speed */
    uint64_t immortal_rc;       /* 3.12: the refcount of immortal objects; else never matches */
    Addr type_base;             /* type objects: TY_SLOTS blocks of 'type_stride' */
    Addr type_addr[TY__COUNT];  /* each one's id: type checks read it, no arithmetic */
    unsigned type_stride;
    unsigned type_shift;        /* log2(type_stride) */
    unsigned align_shift;       /* log2(L.alignment) */
    unsigned pool_shift;        /* log2(L.pool_size) */
    uint64_t max_tuple_items, max_list_items;   /* that could fit the heap (heap_internal.h) */
    Addr none, true_, false_;
    Addr small_ints;            /* object for L.small_int_min */
    Addr empty_str, empty_tuple, empty_keys;
    Addr latin1;                /* 256 one-char strings, stride 'latin1_stride' */
    unsigned latin1_stride;
    Addr stat_top;              /* static bump pointer */
    Addr stat_limit;            /* its end: blocks carved from the segment's top lie above */
    unsigned dict_version_at;   /* PyDictObject.ma_version_tag's offset: 3 words rounded up to u64_align */
    uint64_t keys_size[2][64];  /* a keys object's bytes by kind and log2 size (heap/dict_lookup.h keys_bytes) */
    unsigned str_ascii_words;   /* an ASCII str header's words when obj_str.c's new_ascii stores them one by one, else 0 */
    /* pymalloc */
    Pool *pools;                /* host-side pool records, one per pool in use */
    size_t npools, pools_cap;
    uint32_t *usedpools;        /* per size class: index+1 of the first pool with a free block, 0 none */
    Addr arena_top;             /* next arena to map */
    size_t *free_pools;         /* indices of empty pools available for reuse */
    size_t nfree_pools, free_pools_cap;
    Addr large_top;             /* large blocks grow down from heap_end */
    LargeBlock *large_free;     /* freed large blocks */
    size_t nlarge_free, large_free_cap;
    LargeBlock large_kept[8];   /* the latest freed large blocks whose pages stay (alloc.c) */
    unsigned nlarge_kept;
    uint64_t large_kept_bytes;
    /* free lists in front of pymalloc (LIFO of object ids) */
    Addr *float_free; unsigned nfloat_free;
    Addr *list_free; unsigned nlist_free;
    Addr *dict_free; unsigned ndict_free;
    Addr *keys_free; unsigned nkeys_free; /* small unicode keys tables, as dict_free */
    Addr **tuple_free; unsigned *ntuple_free;
    Addr slice_cache;           /* interp->slice_cache: a dead slice kept whole for the next one */
    /* accounting */
    uint8_t *objmap; size_t objmap_bytes; /* live object ids, see heap_mark */
    uintptr_t objmap_at;        /* (uintptr_t)objmap - (heap >> align_shift): o's byte is objmap_at + (o >> align_shift) */
    uint64_t live_bytes, peak_bytes;   /* the live objects are counted from the map (heap_live_count) */
    bool range_iter_index;      /* 3.11's layout: index, start, step, len */
    InternTable interned;
    /* dealloc work list (no recursion on deep structures): a stack threaded
    ** through the dead objects' own refcount words, see heap/heap.c */
    Addr pending;
    bool deallocating;
    HeapObserver obs;
    void *obs_ud;
    BigInt t1, t2, t3;          /* scratch */
} Heap;

/* Creates the RAM and the static objects for 'L'. NULL if the host refuses
** to map the RAM or the statics do not fit (message in err). */
Heap *heap_new(const Layout *L, char *err, size_t errcap);
void heap_free(Heap *h);

void heap_set_observer(Heap *h, HeapObserver fn, void *ud);

/* The word size; a constant in a unit compiled with TRACEVM_WORD (ram.h). */
#define HEAP_W(h) RAM_WORD(&(h)->ram)
/*
** The allocator's and the small ints' numbers. A unit compiled for one
** machine shape (TRACEVM_WORD: the untraced CPU loops) has them as
** constants, those of the CPython 3.12 profile of its word size (the
** build reads them into heap/std_layout.h), so that a new int's block
** size, its size class and its pool fold away; vm_run only enters such a
** unit for a profile that has the same numbers (heap_std_layout).
*/
#include "heap/std_layout.h"
#define TV_STD_(w, name) TV_STD_W##w##_##name
#define TV_STD(w, name) TV_STD_(w, name)
#ifdef TRACEVM_WORD
#define HEAP_ALIGN(h) ((uint64_t)TV_STD(TRACEVM_WORD, ALIGN))
#define HEAP_ALIGN_SHIFT(h) ((unsigned)__builtin_ctzll(TV_STD(TRACEVM_WORD, ALIGN)))
#define HEAP_POOL_SIZE(h) ((uint64_t)TV_STD(TRACEVM_WORD, POOL_SIZE))
#define HEAP_POOL_SHIFT(h) ((unsigned)__builtin_ctzll(TV_STD(TRACEVM_WORD, POOL_SIZE)))
#define HEAP_SMALL_THRESHOLD(h) ((uint64_t)TV_STD(TRACEVM_WORD, SMALL_THRESHOLD))
#define HEAP_SMALL_MIN(h) ((int64_t)(TV_STD(TRACEVM_WORD, SMALL_MIN)))
#define HEAP_SMALL_MAX(h) ((int64_t)TV_STD(TRACEVM_WORD, SMALL_MAX))
#define HEAP_SMALL_STRIDE(h) ((uint64_t)TV_STD(TRACEVM_WORD, SMALL_STRIDE))
#define HEAP_FLOAT_SIZE(h) ((uint64_t)TV_STD(TRACEVM_WORD, FLOAT_SIZE))
#endif
#if defined(TRACEVM_WORD) && defined(TRACEVM_INT_LV)
/* 3.12 (lv_tag ints): _Py_IMMORTAL_REFCNT; 3.11: none (a count never reaches it) */
#define HEAP_IMMORTAL_RC(h) (TRACEVM_INT_LV ? (uint64_t)TV_STD(TRACEVM_WORD, IMMORTAL_RC) : UINT64_MAX)
#else
#define HEAP_IMMORTAL_RC(h) ((h)->immortal_rc)
#endif
#ifndef TRACEVM_WORD
#define HEAP_ALIGN(h) ((h)->L.alignment)
#define HEAP_ALIGN_SHIFT(h) ((h)->align_shift)
#define HEAP_POOL_SIZE(h) ((h)->L.pool_size)
#define HEAP_POOL_SHIFT(h) ((h)->pool_shift)
#define HEAP_SMALL_THRESHOLD(h) ((h)->L.small_threshold)
#define HEAP_SMALL_MIN(h) ((h)->L.small_int_min)
#define HEAP_SMALL_MAX(h) ((h)->L.small_int_max)
#define HEAP_SMALL_STRIDE(h) ((h)->L.small_int_stride)
#define HEAP_FLOAT_SIZE(h) ((h)->L.float_size)
#endif
/* True when 'h' has the numbers above for its word size (vm/vm.c). */
bool heap_std_layout(const Heap *h);

/* Heap events reach an observer; a unit compiled with HEAP_HOOKS 0 (the
** untraced CPU loops) only runs while no observer is set. */
#ifndef HEAP_HOOKS
#define HEAP_HOOKS 1
#endif
#define HEAP_OBSERVED(h) (HEAP_HOOKS && (h)->obs)
/* The hot paths below are inlined whole into the untraced CPU loops, where
** a call would spill the loop's registers; elsewhere the compiler decides. */
#if HEAP_HOOKS || TRACEVM_SANITIZED
#define HEAP_HOT static inline
#else
#define HEAP_HOT static inline __attribute__((always_inline))
#endif

/* Accessors of a load or two: inline everywhere (ram.h RAM_INLINE). */
#define HEAP_INLINE RAM_INLINE

/* ---- header access ---- */
HEAP_INLINE uint64_t obj_refcnt(const Heap *h, Addr o) { return ram_word(&h->ram, o); }
HEAP_INLINE Addr obj_type_addr(const Heap *h, Addr o) { return ram_word(&h->ram, o + HEAP_W(h)); }
HEAP_INLINE TypeId obj_type(const Heap *h, Addr o)
{
    return (TypeId)((obj_type_addr(h, o) - h->type_base) >> h->type_shift);
}
HEAP_INLINE Addr heap_type_obj(const Heap *h, TypeId t) { return h->type_addr[t]; }
HEAP_INLINE int64_t obj_ob_size(const Heap *h, Addr o) { return ram_sword(&h->ram, o + 2 * HEAP_W(h)); }
HEAP_INLINE bool heap_is_static(const Heap *h, Addr o) { return o < h->ram.heap; }

void heap_refcnt_event(Heap *h, Addr o, uint64_t before, uint64_t after);
void heap_dealloc(Heap *h, Addr o);
/* What a refcount reaching 0 calls: heap_dealloc, or in a unit that
** defines HEAP_DEALLOC (the untraced CPU loops) that function, which
** heap/dealloc.h provides. */
#ifdef HEAP_DEALLOC
static void HEAP_DEALLOC(Heap *h, Addr o);
#else
#define HEAP_DEALLOC heap_dealloc
#endif

/* New reference to 'o' (no-op on immortal objects, as 3.12 does). */
HEAP_HOT void heap_incref(Heap *h, Addr o)
{
    if (!o) return;
    uint64_t rc = obj_refcnt(h, o);
    if (rc == HEAP_IMMORTAL_RC(h)) return;
    ram_set_word(&h->ram, o, rc + 1);
    if (HEAP_OBSERVED(h)) heap_refcnt_event(h, o, rc, rc + 1);
}

/* True when n heap_increfs of 'o' would just add n: it is immortal (they
** do nothing), or its count stays below the immortal value and the word's
** largest. Then heap_incref_n may do them at once, if nothing observes. */
static inline bool heap_can_incref_n(const Heap *h, Addr o, uint64_t n)
{
    uint64_t rc = obj_refcnt(h, o), imm = HEAP_IMMORTAL_RC(h);
    uint64_t max = HEAP_W(h) == 8 ? (uint64_t)INT64_MAX : (uint64_t)INT32_MAX;
    return rc == imm || (rc <= max && n <= max - rc && !(rc < imm && rc + n >= imm));
}

/* n new references to 'o' at once (heap_can_incref_n, no observer). */
static inline void heap_incref_n(Heap *h, Addr o, uint64_t n)
{
    uint64_t rc = obj_refcnt(h, o);
    if (rc != HEAP_IMMORTAL_RC(h)) ram_set_word(&h->ram, o, rc + n);
}

/* Drops a reference; frees 'o' (and what it owns) at zero. */
HEAP_HOT void heap_decref(Heap *h, Addr o)
{
    if (!o) return;
    uint64_t rc = obj_refcnt(h, o);
    if (rc == HEAP_IMMORTAL_RC(h)) return;
    ram_set_word(&h->ram, o, rc - 1);
    if (HEAP_OBSERVED(h)) heap_refcnt_event(h, o, rc, rc - 1);
    if (rc == 1 && !heap_is_static(h, o)) HEAP_DEALLOC(h, o);
}

/* heap_copy_refs' and heap_store_refs' host loop for words of W bytes (a
** constant where inlined): n words from s to d, each source word a
** reference increfed; the words overwritten go to old[] when it is given. */
static inline __attribute__((always_inline)) void copy_refs_le(Ram *ram, uint8_t *d, ptrdiff_t dstride, const uint8_t *s, ptrdiff_t sstride,
                                                               size_t n, uint64_t imm, unsigned W, Addr *old)
{
    for (size_t i = 0; i < n; i++, s += sstride, d += dstride) {
        uint64_t v = 0, rc = 0;         /* little-endian: the low W bytes */
        if (old) { uint64_t w = 0; memcpy(&w, d, W); old[i] = w; }
        memcpy(&v, s, W);
        memcpy(d, &v, W);
        if (!v) continue;
        uint8_t *o = ram_ptr(ram, v);
        memcpy(&rc, o, W);
        if (rc != imm) { rc++; memcpy(o, &rc, W); }
    }
}

/* The n slots from 'dst' on = the items at src, src + step slots, ..,
** each increfed, in that order (a slice, a concatenation, a copy). Nothing
** observing and little-endian RAM: host loads and stores, the observer
** tested once (heap_copy_refs_any, heap/heap.c). Inline in a unit where
** nothing observes (the untraced loops), for contiguous items: a call
** there cost a 3-item list() a hundred instructions. */
void heap_copy_refs_any(Heap *h, Addr dst, Addr src, int64_t step, size_t n);
HEAP_HOT void heap_copy_refs(Heap *h, Addr dst, Addr src, int64_t step, size_t n)
{
    if (!HEAP_HOOKS && !RAM_BIG(&h->ram) && step == 1) {
        unsigned W = HEAP_W(h);
        copy_refs_le(&h->ram, ram_ptr(&h->ram, dst), W, ram_ptr(&h->ram, src), W, n, HEAP_IMMORTAL_RC(h), W, NULL);
        return;
    }
    heap_copy_refs_any(h, dst, src, step, n);
}
/* The other way: the slots dst, dst + step slots, .. = the n items from
** src on, each increfed, in that order; what the slots held goes to
** old[0..n), for the caller to release (l[a:b:c] = v). */
void heap_store_refs(Heap *h, Addr dst, int64_t step, Addr src, size_t n, Addr *old);
/* Where a tuple's item i lies. */
HEAP_INLINE Addr tuple_item_at(const Heap *h, Addr t, size_t i) { (void)h; return t + (3 + (Addr)i) * HEAP_W(h); }

/* getsizeof(o): what CPython's sys.getsizeof reports. */
uint64_t heap_sizeof(Heap *h, Addr o);
/* True when 'o' is the id of a live heap object (statics: false). */
bool heap_is_live(const Heap *h, Addr o);
/* Live heap objects (statics not counted). */
uint64_t heap_live_count(const Heap *h);
/* Object 'was' of type t, reallocated from oldsize to newsize bytes, now
** lives at 'now' (PyObject_Realloc: the same id while its block serves):
** the map follows it, and an observer sees a resize in place, or the new
** object made before the old one is freed. */
void heap_realloced(Heap *h, TypeId t, Addr was, Addr now, uint64_t oldsize, uint64_t newsize);
/* Calls fn for every live heap object in address order. */
void heap_walk(Heap *h, void (*fn)(void *ud, Addr o), void *ud);

/* ---- raw blocks (pymalloc + large) ---- */
/* heap_alloc and heap_release without the inline paths below, which fall
** back to these. */
Addr heap_alloc_slow(Heap *h, uint64_t n);
void heap_release_slow(Heap *h, Addr block, uint64_t n);
/* Grows a large block of 'oldn' bytes to 'newn' in place, downwards, when
** it is the lowest large block: returns its new start (the caller moves
** the contents down), or 0 when it cannot (heap/alloc.c). */
Addr heap_grow_large(Heap *h, Addr block, uint64_t oldn, uint64_t newn);
/* PyObject_Realloc of block b from 'oldn' to 'newn' bytes: b itself when
** it can stay (a pymalloc block still over 3/4 used in its class; a large
** block with room after it), else a new block with the contents copied and
** b freed; 0 when RAM is full (b is kept). heap/alloc.c. */
Addr heap_realloc(Heap *h, Addr b, uint64_t oldn, uint64_t newn);
/* pymalloc_realloc's rule: a block of 'oldn' bytes serves 'newn' in place. */
bool heap_fits_in_place(const Heap *h, uint64_t oldn, uint64_t newn);
/* Bytes the allocator hands out for an n-byte request. */
uint64_t heap_block_size(const Heap *h, uint64_t n);

/*
** A pool's two hot operations, as pymalloc does them; heap/alloc.c builds
** its slow paths on them too. pool_take: a block from 'p', the head of its
** class's usable list (free list first, then the bump pointer); a pool that
** fills up leaves the list. pool_put: a block back onto p's free list; a
** pool that was full goes back to the front of the list. Neither keeps the
** byte count nor retires an empty pool: their callers do.
*/
HEAP_HOT Addr pool_take(Heap *h, Pool *p, uint64_t bsize)
{
    Addr b = p->freeblock;
    if (b) {
        p->freeblock = ram_word(&h->ram, b);
    } else {
        b = p->base + p->nextoffset;
        p->nextoffset += bsize;
    }
    p->nalloc++;
    if (!p->freeblock && p->nextoffset + bsize > HEAP_POOL_SIZE(h)) {
        h->usedpools[p->szidx] = p->next;      /* full */
        if (p->next) h->pools[p->next - 1].prev = 0;
        p->next = p->prev = 0;
    }
    return b;
}

HEAP_HOT void pool_put(Heap *h, Pool *p, Addr b, uint64_t bsize)
{
    bool was_full = !p->freeblock && p->nextoffset + bsize > HEAP_POOL_SIZE(h);
    ram_set_word(&h->ram, b, p->freeblock);
    p->freeblock = b;
    p->nalloc--;
    if (was_full) {
        uint32_t self = (uint32_t)(p - h->pools) + 1, head = h->usedpools[p->szidx];
        p->prev = 0;
        p->next = head;
        if (head) h->pools[head - 1].prev = self;
        h->usedpools[p->szidx] = self;
    }
}

/*
** The allocator's common cases, inline: a block of 'bsize' bytes (already
** rounded to the alignment, at most the small threshold) from a class that
** has a usable pool, and its return to a pool that does not become empty.
** Anything else goes through heap_alloc_slow and heap_release_slow, which
** also make and retire pools; the addresses handed out are the same.
*/
HEAP_HOT Addr heap_alloc_block(Heap *h, uint64_t bsize)
{
    uint32_t pi = h->usedpools[(bsize >> HEAP_ALIGN_SHIFT(h)) - 1];
    if (!pi) return heap_alloc_slow(h, bsize);
    Addr b = pool_take(h, &h->pools[pi - 1], bsize);
    h->live_bytes += bsize;
    if (h->live_bytes > h->peak_bytes) h->peak_bytes = h->live_bytes;
    return b;
}

HEAP_HOT void heap_release_block(Heap *h, Addr b, uint64_t bsize)
{
#ifndef HEAP_DEBUG_POISON
    Pool *p = &h->pools[(b - h->ram.heap) >> HEAP_POOL_SHIFT(h)];
    if (p->nalloc > 1) {
        pool_put(h, p, b, bsize);
        h->live_bytes -= bsize;
        return;
    }
#endif
    heap_release_slow(h, b, bsize);
}

/* Returns a block of n bytes (0: no block). */
HEAP_HOT void heap_release(Heap *h, Addr b, uint64_t n)
{
    uint64_t a = HEAP_ALIGN(h);
    if (b && n - 1 < HEAP_SMALL_THRESHOLD(h)) heap_release_block(h, b, (n + a - 1) & ~(a - 1));
    else heap_release_slow(h, b, n);
}

/* A block of n bytes: 0 when RAM is full. */
HEAP_HOT Addr heap_alloc(Heap *h, uint64_t n)
{
    uint64_t a = HEAP_ALIGN(h);
    if (n - 1 < HEAP_SMALL_THRESHOLD(h)) return heap_alloc_block(h, (n + a - 1) & ~(a - 1));
    return heap_alloc_slow(h, n);
}

/* Object ids are marked in a byte map (one byte per 'alignment' bytes of
** the heap segment) so the heap can be walked without a host record per
** object. A byte, not a bit: a birth or a death is one store, where a bit
** was a read-modify-write of a word (6.5% of an allocating loop's
** instructions). The host pays 1/16 of the heap's touched bytes (1/8 on
** 32-bit) and nothing for untouched pages. */
HEAP_HOT void heap_mark(Heap *h, Addr o, bool live)
{
    *(uint8_t *)(h->objmap_at + (uintptr_t)(o >> HEAP_ALIGN_SHIFT(h))) = live;
}

/* heap_revive without an observer: a recycled object's header and
** accounting, as a free list hands it out again. */
/* Writes refcount 1 and the type pointer of a recycled object (a free
** list's) and reports it to the observer as made (heap/heap.c). */
void heap_revive(Heap *h, Addr o, TypeId t, uint64_t size);
HEAP_HOT void heap_revive_quiet(Heap *h, Addr o, TypeId t)
{
    ram_set_word(&h->ram, o, 1);
    ram_set_word(&h->ram, o + HEAP_W(h), heap_type_obj(h, t));
    heap_mark(h, o, true);
}

/* Bytes of the PyGC_Head in front of an object of type t: 0 or the profile's. */
HEAP_INLINE unsigned heap_gc(const Heap *h, TypeId t) { return heap_type_gc[t] ? h->L.gc_header : 0; }

/* Allocates an object block of 'size' bytes (getsizeof, GC header included
** for GC types), writes refcount 1 and the type pointer, registers it and
** reports HEV_ALLOC. Returns its id (block + GC header) or 0. */
Addr heap_make(Heap *h, TypeId t, uint64_t size);

/* heap_make without the report, inline: what it does while nothing
** observes the heap (the untraced loops' iterators and lists). The GC
** header's two words are zeroed: linked in gen 0 with nothing to see. */
HEAP_HOT Addr heap_make_quiet(Heap *h, TypeId t, uint64_t size)
{
    Addr b = heap_alloc(h, size);
    if (!b) return 0;
    Addr o = b + heap_gc(h, t);
    if (o != b) memset(ram_ptr(&h->ram, b), 0, 2 * HEAP_W(h));
    heap_revive_quiet(h, o, t);
    return o;
}

/* heap_unmake of an object of type t, inline: its block of 'size' bytes
** (GC header included) back to the allocator. */
HEAP_HOT void heap_unmake_as(Heap *h, Addr o, TypeId t, uint64_t size)
{
    heap_release(h, o - heap_gc(h, t), size);
}

/* heap_new_object for an object without a GC header while nothing
** observes the heap, inline: a block of 'size' bytes (at most the small
** threshold), refcount 1, the type, and zero in every byte past the
** header's 'set' bytes, which the caller writes. 0: RAM full. */
HEAP_HOT Addr heap_new_plain(Heap *h, TypeId t, uint64_t size, uint64_t set)
{
    uint64_t a = HEAP_ALIGN(h), bsize = (size + a - 1) & ~(a - 1), from = 2 * HEAP_W(h) + set;
    Addr o = heap_alloc_block(h, bsize);
    if (!o) return 0;
    heap_revive_quiet(h, o, t);
    if (size > from) memset(ram_ptr(&h->ram, o + from), 0, size - from);    /* zero in either byte order */
    return o;
}

/* The k-th of the n owned fields (heap_owned_fields) an object's dealloc
** drops: CPython's deallocs drop them last to first as tracevm lays them
** out, but range_dealloc drops start, stop, step, length in that order and
** slice_dealloc step, start, stop. */
static inline unsigned heap_drop_field(TypeId t, unsigned k, unsigned n)
{
    if (t == TY_RANGE) return k;
    if (t == TY_SLICE) return k == 0 ? 2 : k - 1;
    return n - 1 - k;
}

/* ---- singletons ---- */
static inline Addr heap_none(Heap *h) { heap_incref(h, h->none); return h->none; }
static inline Addr heap_bool(Heap *h, bool b) { Addr o = b ? h->true_ : h->false_; heap_incref(h, o); return o; }

/* ---- int (heap/obj_int.c) ---- */
/*
** The int layout facts the inline paths test: lv_tag or signed size, and
** 30-bit digits in 4 bytes (BIG_SHIFT, what the fast paths assume). A unit
** compiled for one shape (TRACEVM_INT_LV 0 or 1: the untraced CPU loops)
** has them as constants; vm_run only enters it for a profile of that shape.
*/
#ifdef TRACEVM_INT_LV
#define INT_LV(h) (TRACEVM_INT_LV)
#define INT_DIGIT30(h) true
#else
#define INT_LV(h) ((h)->L.int_size_encoding == INT_SIZE_LV_TAG)
#define INT_DIGIT30(h) ((h)->L.digit_bits == BIG_SHIFT && (h)->L.digit_bytes == 4)
#endif
Addr int_from_i64(Heap *h, int64_t v);
Addr int_from_big(Heap *h, const BigInt *b);
/* big * m, big // m, big % m and big + big straight from RAM to RAM
** when they can (heap/obj_int.c). */
bool int_mul_digit(Heap *h, Addr big, int64_t m, Addr *out);
bool int_divmod_digit(Heap *h, Addr big, int64_t m, bool mod, Addr *out);
/* Number of digits, and sign (-1, 0, 1). */
HEAP_HOT size_t int_ndigits(const Heap *h, Addr o)
{
    if (INT_LV(h))
        return (size_t)(ram_word(&h->ram, o + 2 * HEAP_W(h)) >> 3);
    int64_t s = ram_sword(&h->ram, o + 2 * HEAP_W(h));
    return (size_t)(s < 0 ? -s : s);
}
int int_sign(const Heap *h, Addr o);
/* getsizeof of an int: zero is counted with one digit. */
HEAP_HOT uint64_t int_sizeof(const Heap *h, Addr o)
{
    size_t n = int_ndigits(h, o);
    return 3 * (uint64_t)HEAP_W(h) + (uint64_t)h->L.digit_bytes * (n ? n : 1);
}
/* Writes the size field: 'n' digits and a sign, in the profile's encoding
** (3.12 lv_tag, 3.11 signed ob_size). */
HEAP_HOT void int_set_size(Heap *h, Addr o, size_t n, int sign)
{
    uint64_t v;
    if (INT_LV(h))
        v = (uint64_t)n << 3 | (sign > 0 ? 0u : sign == 0 ? 1u : 2u);
    else
        v = sign < 0 ? (uint64_t)-(int64_t)n : (uint64_t)n;
    if (HEAP_W(h) == 4) v &= 0xFFFFFFFFu;
    ram_set_word(&h->ram, o + 2 * HEAP_W(h), v);
}
void int_to_big(const Heap *h, Addr o, BigInt *out);
/* Value of a 0..2-digit int (|v| < 2**60): the VM's fast path. */
HEAP_HOT bool int_small(const Heap *h, Addr o, int64_t *out)
{
    const Ram *r = &h->ram;
    uint64_t tag = ram_word(r, o + 2 * HEAP_W(h));
    /* the common case first, one compare: a positive int of one digit
    ** (lv_tag 1 << 3, or ob_size 1) */
    if (tag == (INT_LV(h) ? 8u : 1u)) {
        *out = (int64_t)ram_rd(r, o + 3 * HEAP_W(h), 4);
        return true;
    }
    size_t n; int neg;
    if (INT_LV(h)) { n = (size_t)(tag >> 3); neg = (tag & 3) == 2; }
    else { int64_t s = ram_sword(r, o + 2 * HEAP_W(h)); neg = s < 0; n = (size_t)(neg ? -s : s); }
    if (n > 2) return false;
    Addr d = o + 3 * HEAP_W(h);
    int64_t v = n == 0 ? 0 : (int64_t)ram_rd(r, d, 4);
    if (n == 2) v |= (int64_t)ram_rd(r, d + 4, 4) << 30;
    *out = neg ? -v : v;
    return true;
}
bool heap_is_small_int(const Heap *h, Addr o);

/* True and *out set when the value fits in int64: int_small inline, the
** three-digit ints in heap/obj_int.c. */
bool int_to_i64_slow(const Heap *h, Addr o, int64_t *out);
HEAP_HOT bool int_to_i64(const Heap *h, Addr o, int64_t *out)
{
    return int_small(h, o, out) || int_to_i64_slow(h, o, out);
}

/* The id of the cached small int v (small_int_min <= v <= small_int_max);
** no reference taken. */
static inline Addr heap_small_int_addr(const Heap *h, int64_t v)
{
    return h->small_ints + (Addr)(v - HEAP_SMALL_MIN(h)) * HEAP_SMALL_STRIDE(h);
}

/*
** int_from_i64 for |v| < 2**60, inline: the CPU loop's arithmetic results.
** Cached small ints, and with 30-bit digits in 4 bytes a new one- or
** two-digit int laid out as int_from_i64 lays it out (heap/obj_int.c);
** anything else, or an observed heap, takes int_from_i64 itself.
*/
HEAP_HOT Addr int_new_fast(Heap *h, int64_t v)
{
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    if (HEAP_OBSERVED(h) || !INT_DIGIT30(h) || m >> (2 * BIG_SHIFT)) return int_from_i64(h, v);
    if (v >= HEAP_SMALL_MIN(h) && v <= HEAP_SMALL_MAX(h)) {
        Addr o = heap_small_int_addr(h, v);
        heap_incref(h, o);
        return o;
    }
    unsigned W = HEAP_W(h), n = m >> BIG_SHIFT ? 2 : 1;
    uint64_t a = HEAP_ALIGN(h), bsize = (3 * W + 4 * n + a - 1) & ~(a - 1);
    Addr o = heap_alloc_block(h, bsize);
    if (!o) return 0;
    Ram *r = &h->ram;
    ram_set_word(r, o, 1);
    ram_set_word(r, o + W, heap_type_obj(h, TY_INT));
    int_set_size(h, o, n, v < 0 ? -1 : 1);
    ram_wr(r, o + 3 * W, 4, m & BIG_MASK);
    if (n == 2) ram_wr(r, o + 3 * W + 4, 4, m >> BIG_SHIFT);
    heap_mark(h, o, true);
    return o;
}

/* RAM digits are the host's uint32_t digits, byte for byte: copy in bulk,
** add and multiply in place. */
static inline bool int_same_digits(const Heap *h)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return INT_DIGIT30(h) && !h->ram.big;
#else
    (void)h;
    return false;
#endif
}

/* The digit count of a positive int: 0 for zero or a negative one. */
static inline size_t pos_ndigits(const Heap *h, Addr o)
{
    if (INT_LV(h)) {
        uint64_t t = ram_word(&h->ram, o + 2 * HEAP_W(h));
        return (t & 3) == 0 ? (size_t)(t >> 3) : 0;
    }
    int64_t s = ram_sword(&h->ram, o + 2 * HEAP_W(h));
    return s > 0 ? (size_t)s : 0;
}

/* A new int of n 4-byte digits and the given sign, its digits still to be
** written: heap_make, inline while nothing observes the heap and the
** block is a pool's. */
HEAP_HOT Addr int_new_digits(Heap *h, size_t n, int sign)
{
    uint64_t size = 3 * (uint64_t)HEAP_W(h) + 4 * (uint64_t)n;
    Addr o = !HEAP_OBSERVED(h) && size <= HEAP_SMALL_THRESHOLD(h)
           ? heap_new_plain(h, TY_INT, size, size - 2 * (uint64_t)HEAP_W(h)) : heap_make(h, TY_INT, size);
    if (o) int_set_size(h, o, n, sign);
    return o;
}

/*
** The next two are each unit's own function, not inline: a unit compiled
** for one word size and int shape (the untraced CPU loops) gets a copy
** with those constants and direct RAM, while the loops themselves keep
** only a call. Inlined there, int_add_digits cost the loop benchmark 14
** instructions an iteration (register pressure), and int_sub_digits's
** buffer sat in the loops' frame (fib 5% slower).
**
** a + b for positive ints, the longer of three or more digits, with RAM
** digits that are the host's: the sum written straight from both into the
** new object, as x_add does it. Its digit count is known before adding
** when the top digits decide the carry out (they do unless the longer's
** top digit, plus the other's when they are as long, is 2**30 - 1 or
** 2**30 - 2 short of a carry); otherwise false, and the caller takes the
** general path. True with *out the sum (0 when RAM is full).
*/
static __attribute__((noinline, unused)) bool int_add_digits(Heap *h, Addr a, Addr b, Addr *out)
{
    if (!int_same_digits(h)) return false;
    size_t na = pos_ndigits(h, a), nb = pos_ndigits(h, b);
    if (!na || !nb) return false;
    if (na < nb) {
        Addr t = a; a = b; b = t;
        size_t tn = na; na = nb; nb = tn;
    }
    if (na < 3) return false;
    const uint32_t *x = (const uint32_t *)ram_ptr(&h->ram, a + 3 * HEAP_W(h)), *y = (const uint32_t *)ram_ptr(&h->ram, b + 3 * HEAP_W(h));
    uint64_t top = (uint64_t)x[na - 1] + (na == nb ? y[na - 1] : 0);
    size_t nr;
    if (top >> BIG_SHIFT) nr = na + 1;                  /* carries out whatever comes from below */
    else if ((top + 1) >> BIG_SHIFT) return false;      /* a carry from below decides */
    else nr = na;
    Addr o = int_new_digits(h, nr, 1);
    *out = o;
    if (!o) return true;
    uint32_t *r = (uint32_t *)ram_ptr(&h->ram, o + 3 * HEAP_W(h));
    uint32_t carry = big_digits_add(r, x, na, y, nb);
    if (nr > na) r[na] = carry;
    return true;
}

/*
** a - b for positive ints, either of three or more digits, with RAM digits
** that are the host's: x_sub's borrow loop from both into a host buffer,
** then the new object at the normalised size int_from_big gives it (at
** most two digits through int_from_i64, which finds a cached small int
** too). False when another path must do it (equal operands, longer than
** the buffer); else true with *out the difference (0 when RAM is full).
*/
enum { INT_SUB_MAX = 1024 };
static __attribute__((noinline, unused)) bool int_sub_digits(Heap *h, Addr a, Addr b, Addr *out)
{
    if (!int_same_digits(h)) return false;
    size_t na = pos_ndigits(h, a), nb = pos_ndigits(h, b);
    if (!na || !nb || (na < 3 && nb < 3) || na > INT_SUB_MAX || nb > INT_SUB_MAX) return false;
    const uint32_t *x = (const uint32_t *)ram_ptr(&h->ram, a + 3 * HEAP_W(h)), *y = (const uint32_t *)ram_ptr(&h->ram, b + 3 * HEAP_W(h));
    int c = big_digits_cmp(x, na, y, nb), sign = 1;
    if (c == 0) return false;
    if (c < 0) {
        const uint32_t *t = x; x = y; y = t;
        size_t tn = na; na = nb; nb = tn;
        sign = -1;
    }
    uint32_t r[INT_SUB_MAX];
    big_digits_sub(r, x, na, y, nb);
    size_t n = na;
    while (r[n - 1] == 0) n--;                  /* a != b: some digit is not 0 */
    if (n <= 2) {
        int64_t v = (int64_t)(r[0] | (n == 2 ? (uint64_t)r[1] << BIG_SHIFT : 0));
        *out = int_from_i64(h, sign * v);
        return true;
    }
    Addr o = int_new_digits(h, n, sign);
    *out = o;
    if (o) memcpy(ram_ptr(&h->ram, o + 3 * HEAP_W(h)), r, 4 * n);
    return true;
}

/*
** The death of a float or of an int of at most two digits, inline: what
** heap_dealloc does for them (nothing observes the heap). 'o' is dead (its
** refcount reached 0); returns false, having done nothing, for any other
** object. Longer ints die in heap_dealloc_unobserved: with them here,
** the block size stopped being a constant and the loop benchmark ran 8-14
** instructions an iteration more.
*/
HEAP_HOT bool heap_free_number(Heap *h, Addr o)
{
    const Layout *L = &h->L;
    unsigned W = HEAP_W(h);
    Addr t = obj_type_addr(h, o);
    bool fl = t == heap_type_obj(h, TY_FLOAT);
    uint64_t size;
    if (fl) {
        size = HEAP_FLOAT_SIZE(h);
    } else if (t == heap_type_obj(h, TY_INT) && INT_DIGIT30(h)) {
        size_t n = int_ndigits(h, o);
        if (n > 2) return false;
        size = 3 * W + 4 * (n ? n : 1);
    } else {
        return false;
    }
    ram_set_word(&h->ram, o, 0);
    heap_mark(h, o, false);
    if (fl && h->nfloat_free < L->float_freelist) {
        h->float_free[h->nfloat_free++] = o;
        return true;
    }
    heap_release_block(h, o, (size + HEAP_ALIGN(h) - 1) & ~(HEAP_ALIGN(h) - 1));
    return true;
}

/* heap_decref, with the death of a number inline (heap_free_number). */
HEAP_HOT void heap_decref_fast(Heap *h, Addr o)
{
    if (!o) return;
    uint64_t rc = obj_refcnt(h, o);
    if (rc == HEAP_IMMORTAL_RC(h)) return;
    if (rc != 1 || HEAP_OBSERVED(h) || h->deallocating || heap_is_static(h, o) || !heap_free_number(h, o))
        heap_decref(h, o);
}

/* ---- float (heap/obj_float.c) ---- */
Addr float_new(Heap *h, double v);
HEAP_INLINE double float_value(const Heap *h, Addr o)
{
    unsigned off = 2 * HEAP_W(h);
    return ram_double(&h->ram, o + off);
}

/* float_new, inline: a float from the free list, or a pool block (observed
** heaps take float_new itself, which reports the allocation). */
HEAP_HOT Addr float_new_fast(Heap *h, double v)
{
    if (HEAP_OBSERVED(h)) return float_new(h, v);
    Addr o;
    if (h->nfloat_free) {
        o = h->float_free[--h->nfloat_free];
    } else {
        uint64_t a = HEAP_ALIGN(h);
        o = heap_alloc_block(h, (HEAP_FLOAT_SIZE(h) + a - 1) & ~(a - 1));
        if (!o) return 0;
    }
    ram_set_word(&h->ram, o, 1);
    ram_set_word(&h->ram, o + HEAP_W(h), heap_type_obj(h, TY_FLOAT));
    heap_mark(h, o, true);
    ram_set_double(&h->ram, o + 2 * HEAP_W(h), v);
    return o;
}

/* ---- str (heap/obj_str.c) ---- */
/* From UTF-8 (must be valid); picks the compact kind by the largest code point. */
Addr str_from_utf8(Heap *h, const char *s, size_t n);
Addr str_from_cps(Heap *h, const uint32_t *cp, size_t n);
/* Like str_from_cps, but a one-character result is a new object, not the
** latin-1 singleton (str.upper() and friends build fresh strings). */
Addr str_from_cps_fresh(Heap *h, const uint32_t *cp, size_t n);
Addr str_from_cstr(Heap *h, const char *s);
/* A fresh ASCII string even for one character (no singleton), as
** int.__repr__ builds its result. */
Addr str_new_ascii(Heap *h, const char *s, size_t n);
/* n ASCII chars as a substring is made (PyUnicode_Substring): "" and one
** char are the singletons, longer text a new string. */
Addr str_ascii_piece(Heap *h, const uint8_t *s, size_t n);
/* a + b of two non-empty ASCII strings: a new string. */
Addr str_concat_ascii(Heap *h, Addr a, Addr b);
/* Code points: PyASCIIObject.length, the word after the type. */
HEAP_INLINE size_t str_len(const Heap *h, Addr s) { return (size_t)ram_word(&h->ram, s + 2 * HEAP_W(h)); }
unsigned str_kind(const Heap *h, Addr s);       /* 1, 2 or 4 bytes per char */
/* The ascii bit (1 << 6) of PyASCIIObject.state (interned:2 kind:3
** compact:1 ascii:1), the 4 bytes after the hash in 3.11 and 3.12. */
HEAP_INLINE bool str_is_ascii(const Heap *h, Addr s) { return ram_rd(&h->ram, s + 4 * HEAP_W(h), 4) & (1u << 6); }
/* An ASCII string's chars: its data, right after the ASCII header. */
HEAP_INLINE uint8_t *ascii_chars(const Heap *h, Addr s) { return ram_ptr(&h->ram, s + h->L.str_ascii_header); }
uint32_t str_char(const Heap *h, Addr s, size_t i);
const uint8_t *str_data(const Heap *h, Addr s); /* host pointer to the chars */
void str_to_utf8(const Heap *h, Addr s, StrBuf *out);
bool str_eq(const Heap *h, Addr a, Addr b);
/* str_eq with its common case inline: two ASCII strings, equal when their
** lengths and bytes are (what dict lookups of str keys compare). */
static inline bool str_eq_fast(const Heap *h, Addr a, Addr b)
{
    if (a == b) return true;
    size_t n = str_len(h, a);
    if (n != str_len(h, b)) return false;
    if (str_is_ascii(h, a) && str_is_ascii(h, b))
        return memcmp(ascii_chars(h, a), ascii_chars(h, b), n) == 0;
    return str_eq(h, a, b);
}
/* sub occurs in s (str.__contains__) */
bool str_contains(const Heap *h, Addr s, Addr sub);
/* s equals the UTF-8 text c */
bool str_eq_cstr(const Heap *h, Addr s, const char *c);
int str_cmp(const Heap *h, Addr a, Addr b);
uint64_t str_hash(Heap *h, Addr s);             /* deterministic; caches in ob hash */
/* str_hash, inline while the hash is cached (ob hash, the word after the
** length, is not -1): what dict lookups of str keys read. */
static inline uint64_t str_hash_fast(Heap *h, Addr s)
{
    uint64_t v = ram_word(&h->ram, s + 3 * HEAP_W(h));
    if (HEAP_W(h) == 8 && v != UINT64_MAX) return v;
    return str_hash(h, s);
}
/* The one-character singleton for cp < 256 (new ref). */
static inline Addr str_char_singleton(Heap *h, uint32_t cp)
{
    Addr o = h->latin1 + (Addr)cp * h->latin1_stride;
    heap_incref(h, o);
    return o;
}
/* sys.intern: returns the interned equal string (new ref); steals 's'. */
Addr str_intern(Heap *h, Addr s);
bool str_is_interned(const Heap *h, Addr s);
/* Finalization: frees the interned strings nothing else references
** (3.12 makes them immortal while the program runs). */
void heap_release_interned(Heap *h);
/* Looks up an interned string equal to UTF-8 text (borrowed, or 0). */
Addr str_find_interned(Heap *h, const char *s, size_t n);

/* ---- tuple (heap/obj_tuple.c) ---- */
Addr tuple_new(Heap *h, size_t n);              /* items 0 (NULL) until set */
/* _PyTuple_Resize of a tuple at refcount 1 (heap/obj_seq.c): the tuple,
** which may have moved, or 0 when RAM is full (the old one released). */
Addr tuple_resize(Heap *h, Addr o, size_t n);
HEAP_INLINE size_t tuple_len(const Heap *h, Addr t) { return (size_t)obj_ob_size(h, t); }
HEAP_INLINE Addr tuple_get(const Heap *h, Addr t, size_t i)   /* borrowed */
{
    return ram_word(&h->ram, tuple_item_at(h, t, i));
}
HEAP_INLINE void tuple_set(Heap *h, Addr t, size_t i, Addr v) /* steals v; slot must be empty */
{
    ram_set_word(&h->ram, tuple_item_at(h, t, i), v);
}

/* tuple_new(h, n) for n >= 1 whose items the caller sets at once, all n of
** them: inline while a tuple of that length waits on its free list. */
HEAP_HOT Addr tuple_new_filled(Heap *h, size_t n)
{
    if (HEAP_OBSERVED(h) || n == 0 || n >= h->L.tuple_freelist_maxlen || !h->ntuple_free[n]) return tuple_new(h, n);
    Addr o = h->tuple_free[n][--h->ntuple_free[n]];
    heap_revive_quiet(h, o, TY_TUPLE);
    ram_set_word(&h->ram, o + 2 * HEAP_W(h), n);
    return o;
}

/* heap_make, inline in a unit where nothing observes the heap. */
HEAP_HOT Addr heap_make_hot(Heap *h, TypeId t, uint64_t size)
{
    return HEAP_HOOKS ? heap_make(h, t, size) : heap_make_quiet(h, t, size);
}

/* ---- list (heap/obj_list.c) ---- */
Addr list_new(Heap *h, size_t n);               /* n items (NULL), capacity exactly n */
/* An empty list not taken from the free list: list() calls the type's
** tp_alloc (list_vectorcall), where [] and PyList_New take a free one. */
HEAP_HOT Addr list_new_fresh(Heap *h)
{
    Addr o = heap_make_hot(h, TY_LIST, h->L.list_base);
    if (!o) return 0;
    ram_set_word(&h->ram, o + 2 * HEAP_W(h), 0);       /* ob_size */
    ram_set_word(&h->ram, o + 3 * HEAP_W(h), 0);       /* ob_item */
    ram_set_word(&h->ram, o + 4 * HEAP_W(h), 0);       /* allocated */
    return o;
}
HEAP_INLINE size_t list_len(const Heap *h, Addr l) { return (size_t)obj_ob_size(h, l); }
HEAP_INLINE Addr list_items(const Heap *h, Addr l) { return ram_word(&h->ram, l + 3 * HEAP_W(h)); }
/* allocated: -1 while list.sort holds the list (list_hold), read as 0 */
HEAP_INLINE size_t list_capacity(const Heap *h, Addr l)
{
    int64_t c = ram_sword(&h->ram, l + 4 * HEAP_W(h));
    return c > 0 ? (size_t)c : 0;
}
HEAP_INLINE Addr list_get(const Heap *h, Addr l, size_t i)    /* borrowed */
{
    return ram_word(&h->ram, list_items(h, l) + i * HEAP_W(h));
}
/* Item i of a tuple ('tuple') or a list (borrowed). */
HEAP_INLINE Addr seq_get(const Heap *h, Addr s, bool tuple, size_t i)
{
    return tuple ? tuple_get(h, s, i) : list_get(h, s, i);
}
/* list_new(h, n) whose n items the caller sets at once: inline while a
** list object waits on the free list (the item array comes first: the two
** come from different places, so the order changes no address). */
HEAP_HOT Addr list_new_filled(Heap *h, size_t n)
{
    if (HEAP_OBSERVED(h) || !h->nlist_free) return list_new(h, n);
    unsigned W = HEAP_W(h), slot = h->L.list_slot;
    Addr items = 0;
    if (n) {
        if (n > (h->ram.heap_end - h->ram.heap) / slot || !(items = heap_alloc(h, (uint64_t)n * slot))) return list_new(h, n);
    }
    Addr o = h->list_free[--h->nlist_free];
    heap_revive_quiet(h, o, TY_LIST);
    ram_set_word(&h->ram, o + 2 * W, n);
    ram_set_word(&h->ram, o + 3 * W, items);
    ram_set_word(&h->ram, o + 4 * W, n);
    return o;
}
/* Stores 'v' (stolen) at i and releases the old item. */
void list_set(Heap *h, Addr l, size_t i, Addr v);
/* CPython's list_resize: 0, or -1 when RAM is full. */
int list_resize(Heap *h, Addr l, size_t newsize);
/* list_preallocate_exact: capacity n rounded up to even (list must be
** empty); -1 when RAM is full or n items could not fit it. */
HEAP_HOT int list_preallocate_exact(Heap *h, Addr l, size_t n)
{
    if (n > h->max_list_items) return -1;
    n = (n + 1) & ~(size_t)1;
    Addr items = n <= h->max_list_items ? heap_alloc(h, (uint64_t)n * h->L.list_slot) : 0;
    if (!items) return -1;
    ram_set_word(&h->ram, l + 3 * HEAP_W(h), items);
    ram_set_word(&h->ram, l + 4 * HEAP_W(h), n);
    return 0;
}
/* list_append when the list is full: grows it as list_resize does. */
int list_append_grow(Heap *h, Addr l, Addr v);
/* Appends 'v' (stolen; released on failure): 0, or -1 when RAM is full.
** Inline while there is room, as CPython's app1 stores and counts. */
HEAP_HOT int list_append(Heap *h, Addr l, Addr v)
{
    size_t n = list_len(h, l);
    if ((int64_t)n >= ram_sword(&h->ram, l + 4 * HEAP_W(h))) return list_append_grow(h, l, v);   /* allocated may be -1 */
    ram_set_word(&h->ram, list_items(h, l) + n * HEAP_W(h), v);
    ram_set_word(&h->ram, l + 2 * HEAP_W(h), n + 1);
    return 0;
}
int list_insert(Heap *h, Addr l, size_t i, Addr v); /* steals v */
Addr list_pop(Heap *h, Addr l, size_t i);       /* returns the item's reference */
/* Reverses the items in place (list.reverse; reversed() of a copy). */
void list_reverse(Heap *h, Addr l);
/* _list_clear: empty, without an item array, the items released last to
** first, then the array (list.clear(), l *= 0, a slice that takes all). */
void list_clear(Heap *h, Addr l);
/* list.sort's hold on a list while its keys are made and its items
** sorted (list_sort_impl): list_hold saves the size, item array and
** capacity into *s and leaves the list empty, without an array and with
** allocated -1, so a key function sees [] (getsizeof one slot short of
** the bare list); list_unhold gives them back, releasing whatever the
** list was given meanwhile (last item first, then its array), and is
** false when anything did (allocated no longer -1: "list modified
** during sort"). */
typedef struct ListHold { size_t size; Addr items; uint64_t cap; } ListHold;
void list_hold(Heap *h, Addr l, ListHold *s);
bool list_unhold(Heap *h, Addr l, const ListHold *s);
/* list_ass_slice: items [lo, hi) (clamped) replaced by the n items from
** slot 'src' on (another list's or tuple's), each increfed, after one
** list_resize; the replaced items are released last to first at the end.
** 0, or -1 when RAM is full (the list unchanged). */
int list_assign_slice(Heap *h, Addr l, size_t lo, size_t hi, Addr src, size_t n);
/* Deletes items [lo, hi): list_assign_slice with nothing. */
int list_del_slice(Heap *h, Addr l, size_t lo, size_t hi);
/* l[start::step] = the n items from slot 'src' on (a list's or tuple's,
** as many as the slice has; list_ass_subscript): each slot replaced in
** turn, the old items released first to last. */
void list_assign_ext(Heap *h, Addr l, size_t start, int64_t step, Addr src, size_t n);
/* del l[start:stop:step] of n items (step != 1): the kept items moved
** down, one list_resize, the deleted released first to last. */
int list_del_ext(Heap *h, Addr l, int64_t start, int64_t stop, int64_t step, size_t n);

/* ---- dict (heap/obj_dict.c) ---- */
Addr dict_new(Heap *h);
/* dict_new without the free list: dict() calls the type's tp_alloc
** (dict_new in dictobject.c), where {} takes a free dict (new_dict). */
Addr dict_new_fresh(Heap *h);
/* A dict for n items (dict_new_presized): past the smallest table's, a
** table of its own, of str keys only when 'unicode' (a display's keys all
** str, _PyDict_FromItems). */
Addr dict_new_presized(Heap *h, size_t n, bool unicode);
Addr dict_new_module(Heap *h);
/* ma_used, the word after the type. */
HEAP_INLINE size_t dict_len(const Heap *h, Addr d) { return (size_t)ram_word(&h->ram, d + 2 * HEAP_W(h)); }
/* Keys must be hashable (str, int, float, bool, None, tuple of those): the VM checks. */
int dict_set(Heap *h, Addr d, Addr key, Addr value);   /* steals value, not key */
Addr dict_get(Heap *h, Addr d, Addr key);              /* borrowed or 0 */
Addr dict_get_str(Heap *h, Addr d, const char *key);   /* borrowed or 0 */
/* Inline caches (the VM's global lookups): the keys object in use, its
** entry count, and the RAM address of 'key's value word (0 if missing).
** The address stays valid while the keys object is the same and the word
** before it (the entry's key) still holds 'key'. */
Addr dict_keys_object(const Heap *h, Addr d);
/* Where d's keys pointer (ma_keys) lives: the keys object in use is the
** word there, for as long as d lives. */
Addr dict_keys_field(const Heap *h, Addr d);
/* log2 size, index width and kind of a keys object, packed: a cached slot
** is only trusted while the keys object keeps its address AND its shape
** (a freed keys block can come back at the same address). */
HEAP_INLINE uint32_t dict_keys_shape(const Heap *h, Addr keys) { return (uint32_t)ram_rd(&h->ram, keys + HEAP_W(h), 4); }
/* Where a keys object counts its entries (dk_nentries): entries are only
** ever appended, so an unchanged count means no key was added. */
static inline Addr dict_keys_nentries_at(const Heap *h, Addr keys) { (void)h; return keys + 3 * HEAP_W(h); }
size_t dict_nentries(const Heap *h, Addr d);
Addr dict_value_slot(Heap *h, Addr d, Addr key);
int dict_del(Heap *h, Addr d, Addr key);               /* 0, or -1 if missing */
void dict_clear(Heap *h, Addr d);
/* dict_clear, each key and value released by 'release' (heap_decref, or
** the same compiled with the untraced loops' dealloc: vm_shutdown). */
void dict_clear_with(Heap *h, Addr d, void (*release)(Heap *, Addr));
/* Iteration over entries in insertion order: *pos starts at 0. Borrowed. */
bool dict_next(const Heap *h, Addr d, size_t *pos, Addr *key, Addr *value);
uint64_t heap_hash(Heap *h, Addr o);
bool heap_key_eq(Heap *h, Addr a, Addr b);

/* ---- other objects (heap/obj_misc.c) ---- */
/* A generic fixed-size object of type 't' with 'nfields' word fields after
** the header, all 0; 'size' is what getsizeof reports. Field i is at
** o + (2 + i) * W. Inline: the untraced loops make iterators with it. */
/* getsizeof of fixed-size generic types (function, range, iterators ...). */
uint64_t heap_fixed_size(const Heap *h, TypeId t);
HEAP_HOT Addr heap_new_object(Heap *h, TypeId t, unsigned nfields, uint64_t size)
{
    (void)nfields;
    if (!size) size = heap_fixed_size(h, t);
    Addr o = heap_make_hot(h, t, size);
    if (!o) return 0;
    uint64_t words = (size - heap_gc(h, t)) / HEAP_W(h);
    if (words > 2) memset(ram_ptr(&h->ram, o + 2 * HEAP_W(h)), 0, (words - 2) * HEAP_W(h));   /* zero in either byte order */
    return o;
}
HEAP_INLINE Addr obj_field(const Heap *h, Addr o, unsigned i) { return ram_word(&h->ram, o + (2 + i) * HEAP_W(h)); }
HEAP_INLINE void obj_set_field(Heap *h, Addr o, unsigned i, uint64_t v) { ram_set_word(&h->ram, o + (2 + i) * HEAP_W(h), v); }
/* A slice object's block for PySlice_New, its fields still to be set:
** the one interp->slice_cache keeps (slice_dealloc puts a dead slice
** there when it is empty), else a new one. 0: RAM full. */
HEAP_HOT Addr slice_alloc(Heap *h)
{
    Addr s = h->slice_cache;
    if (!s) return heap_new_object(h, TY_SLICE, 3, 0);
    h->slice_cache = 0;
    if (HEAP_OBSERVED(h)) heap_revive(h, s, TY_SLICE, heap_fixed_size(h, TY_SLICE));
    else heap_revive_quiet(h, s, TY_SLICE);
    return s;
}
/* PySlice_New(start, stop, step), each increfed: 0 when RAM is full. */
HEAP_HOT Addr slice_new(Heap *h, Addr start, Addr stop, Addr step)
{
    Addr s = slice_alloc(h);
    if (!s) return 0;
    heap_incref(h, start); heap_incref(h, stop); heap_incref(h, step);
    obj_set_field(h, s, 0, start);
    obj_set_field(h, s, 1, stop);
    obj_set_field(h, s, 2, step);
    return s;
}
/* Static objects (never freed) are carved from the static segment: at
** start-up by heap/, and by vm/ for builtin function objects. 0 if full. */
Addr heap_static_alloc(Heap *h, uint64_t n, unsigned align);
bool heap_startup_keys(Heap *h);
/* Writes the header of a static object: the profile's static refcount. */
void heap_static_header(Heap *h, Addr o, TypeId t);
/* Number of object references a generic object owns (fields 0..n-1). */
unsigned heap_owned_fields(const Heap *h, Addr o, TypeId t);

#endif
