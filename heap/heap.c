/*
** heap/heap.c: start-up of the heap (static segment: type objects, None,
** bools, small ints, one-char strings), object bookkeeping, reference-count
** events and deallocation.
**
** Deallocation never recurses: an object whose count reaches zero is pushed
** on a work list and its children are released from there, so freeing a
** list nested 100,000 deep costs no host stack (CPython's trashcan).
*/
#include "heap/dealloc.h"

#include <stdio.h>
#include <stdlib.h>

const char *const heap_type_names[TY__COUNT] = {
#define X(id, name, gc) name,
    HEAP_TYPES(X)
#undef X
};

const bool heap_type_gc[TY__COUNT] = {
#define X(id, name, gc) gc,
    HEAP_TYPES(X)
#undef X
};

/* Type objects are not simulated field by field (their layout differs per
** version and no program can see it): each is a block holding a header and
** a pointer to its name, 'type_stride' bytes apart. */
enum { TYPE_OBJECT_WORDS = 16 };

Addr heap_static_alloc(Heap *h, uint64_t n, unsigned align)
{
    Addr a = (h->stat_top + align - 1) / align * align;
    if (a + n > h->stat_limit) return 0;
    h->stat_top = a + n;
    return a;
}

/* A block carved from the top of the static segment, downwards, so that
** the objects heap_static_alloc places keep their addresses. */
static Addr static_alloc_top(Heap *h, uint64_t n, unsigned align)
{
    if (h->stat_limit - h->stat_top < n) return 0;
    Addr a = (h->stat_limit - n) / align * align;
    if (a < h->stat_top) return 0;
    h->stat_limit = a;
    return a;
}

/*
** Puts on the keys free list the small keys tables that CPython's start-up
** leaves there (the profile's dict.keys_freelist_at_start): the first
** small dicts a program makes take theirs from that list, not from
** pymalloc. The VM calls this once the module's globals exist, as
** __main__'s dict does before a script's first line. The tables live in
** CPython's start-up pools, which are not simulated; here, at the top of
** the static segment. False: the segment is full.
*/
bool heap_startup_keys(Heap *h)
{
    const Layout *L = &h->L;
    unsigned log2 = (unsigned)__builtin_ctz(L->dict_min_slots);
    while (h->nkeys_free < L->dict_keys_at_start && h->nkeys_free < L->dict_freelist) {
        Addr k = static_alloc_top(h, keys_bytes(h, log2, KIND_UNICODE), L->alignment);
        if (!k) return false;
        h->keys_free[h->nkeys_free++] = k;
    }
    return true;
}

void heap_static_header(Heap *h, Addr o, TypeId t)
{
    ram_set_word(&h->ram, o, h->L.static_refcnt);
    ram_set_word(&h->ram, o + h->W, heap_type_obj(h, t));
}

Heap *heap_new(const Layout *L, char *err, size_t errcap)
{
    Heap *h = xcalloc(1, sizeof *h);
    h->L = *L;
    h->W = L->word;
    h->immortal_rc = L->refcount_rule == RC_IMMORTAL ? L->static_refcnt : UINT64_MAX;
    if (ram_init(&h->ram, L) != 0) {
        snprintf(err, errcap, "tracevm: error: cannot map %llu bytes of simulated RAM",
                 (unsigned long long)L->ram_size);
        free(h);
        return NULL;
    }
    heap_alloc_init(h);
    h->stat_top = h->ram.stat;
    h->stat_limit = h->ram.stat_end;
    big_init(&h->t1); big_init(&h->t2); big_init(&h->t3);

    /* type objects */
    h->type_stride = TYPE_OBJECT_WORDS * h->W;
    h->range_iter_index = L->range_iter_size == 6 * (uint64_t)h->W;
    h->type_shift = (unsigned)__builtin_ctz(h->type_stride);      /* powers of two: */
    h->align_shift = (unsigned)__builtin_ctz(L->alignment);       /* vm/profile.c checks */
    h->dict_version_at = (3 * h->W + L->u64_align - 1) / L->u64_align * L->u64_align;
    h->pool_shift = (unsigned)__builtin_ctz(L->pool_size);
    h->max_tuple_items = (h->ram.heap_end - h->ram.heap) / L->tuple_item;
    h->max_list_items = (h->ram.heap_end - h->ram.heap) / L->list_slot;
    h->type_base = heap_static_alloc(h, (uint64_t)TY_SLOTS * h->type_stride, h->L.alignment);
    if (!h->type_base) goto nostatic;
    for (int t = 0; t < TY__COUNT; t++) h->type_addr[t] = h->type_base + (Addr)t * h->type_stride;
    for (int t = 0; t < TY__COUNT; t++) heap_static_header(h, heap_type_obj(h, (TypeId)t), TY_TYPE);

    h->none = heap_static_alloc(h, L->none_size, L->alignment);
    if (!h->none) goto nostatic;
    heap_static_header(h, h->none, TY_NONE);

    heap_int_init(h);
    heap_str_init(h);
    heap_dict_init(h);
    if (!h->small_ints || !h->empty_str || !h->latin1 || !h->empty_keys) goto nostatic;

    unsigned gc = L->gc_header;
    Addr t = heap_static_alloc(h, L->tuple_base, L->alignment);
    if (!t) goto nostatic;
    h->empty_tuple = t + gc;
    heap_static_header(h, h->empty_tuple, TY_TUPLE);
    ram_set_word(&h->ram, h->empty_tuple + 2 * h->W, 0);

    h->objmap_bytes = (size_t)((h->ram.heap_end - h->ram.heap) / L->alignment);
    h->objmap = xcalloc(h->objmap_bytes + 8, 1);
    h->objmap_at = (uintptr_t)h->objmap - (uintptr_t)(h->ram.heap >> h->align_shift);
    h->float_free = xcalloc(L->float_freelist + 1, sizeof(Addr));
    h->list_free = xcalloc(L->list_freelist + 1, sizeof(Addr));
    h->dict_free = xcalloc(L->dict_freelist + 1, sizeof(Addr));
    h->keys_free = xcalloc(L->dict_freelist + 1, sizeof(Addr));
    h->tuple_free = xcalloc(L->tuple_freelist_maxlen + 1, sizeof(Addr *));
    h->ntuple_free = xcalloc(L->tuple_freelist_maxlen + 1, sizeof(unsigned));
    for (unsigned i = 0; i <= L->tuple_freelist_maxlen; i++)
        h->tuple_free[i] = xcalloc(L->tuple_freelist + 1, sizeof(Addr));
    return h;

nostatic:
    snprintf(err, errcap, "tracevm: error: the profile's static segment (%llu bytes) is too small",
             (unsigned long long)L->static_size);
    heap_free(h);
    return NULL;
}

void heap_free(Heap *h)
{
    if (!h) return;
    heap_intern_free(h);
    heap_alloc_free(h);
    free(h->objmap);
    free(h->float_free);
    free(h->list_free);
    free(h->dict_free);
    free(h->keys_free);
    if (h->tuple_free)
        for (unsigned i = 0; i <= h->L.tuple_freelist_maxlen; i++) free(h->tuple_free[i]);
    free(h->tuple_free);
    free(h->ntuple_free);
    big_free(&h->t1); big_free(&h->t2); big_free(&h->t3);
    ram_free(&h->ram);
    free(h);
}

void heap_set_observer(Heap *h, HeapObserver fn, void *ud)
{
    h->obs = fn;
    h->obs_ud = ud;
}

void heap_refcnt_event(Heap *h, Addr o, uint64_t before, uint64_t after)
{
    HeapEvent e = { HEV_REFCNT, obj_type(h, o), o, 0, before, after };
    h->obs(h->obs_ud, &e);
}

/* Tells the observer, if any, that object 'o' of 'size' bytes was made. */
static void report_alloc(Heap *h, Addr o, TypeId t, uint64_t size)
{
    if (!h->obs) return;
    HeapEvent e = { HEV_ALLOC, t, o, size, 0, 1 };
    h->obs(h->obs_ud, &e);
}

Addr heap_make(Heap *h, TypeId t, uint64_t size)
{
    Addr o = heap_make_quiet(h, t, size);
    if (o) report_alloc(h, o, t, size);
    return o;
}

void heap_revive(Heap *h, Addr o, TypeId t, uint64_t size)
{
    heap_revive_quiet(h, o, t);
    report_alloc(h, o, t, size);
}

void heap_unmake(Heap *h, Addr o, uint64_t size) { heap_unmake_as(h, o, obj_type(h, o), size); }

/* Marked bytes in map bytes [lo, hi): a mark is the byte 1, so eight at a
** time are a popcount. */
static uint64_t count_range(const Heap *h, size_t lo, size_t hi)
{
    uint64_t n = 0;
    size_t i = lo;
    for (; i < hi && (i & 7); i++) n += h->objmap[i];
    for (; i + 8 <= hi; i += 8) {
        uint64_t w;
        memcpy(&w, h->objmap + i, 8);
        n += (uint64_t)__builtin_popcountll(w);
    }
    for (; i < hi; i++) n += h->objmap[i];
    return n;
}

/* The live objects are the map's marks (heap_walk's ranges), counted when
** asked: a counter kept beside the map cost every birth and death a
** read-modify-write of the Heap. */
uint64_t heap_live_count(const Heap *h)
{
    size_t top = (size_t)((h->arena_top - h->ram.heap) / h->L.alignment);
    size_t large = (size_t)((h->large_top - h->ram.heap) / h->L.alignment);
    return count_range(h, 0, top < large ? top : large) + count_range(h, large, h->objmap_bytes);
}

bool heap_is_live(const Heap *h, Addr o)
{
    if (o < h->ram.heap || o >= h->ram.heap_end || (o - h->ram.heap) % h->L.alignment) return false;
    size_t i = (size_t)((o - h->ram.heap) / h->L.alignment);
    return i < h->objmap_bytes && h->objmap[i];
}

/* Both: dst and src n slots apart by dstep and sstep (one of them 1). */
static void move_refs(Heap *h, Addr dst, int64_t dstep, Addr src, int64_t sstep, size_t n, Addr *old)
{
    unsigned W = h->W;
    /* one item (x[::2**62]) needs no stride, and step * W could overflow;
    ** for more, |step| * (n - 1) lies within the list */
    if (n <= 1) dstep = sstep = 1;
    if (HEAP_OBSERVED(h) || h->ram.big) {
        for (size_t i = 0; i < n; i++) {
            Addr v = ram_word(&h->ram, src + (Addr)((int64_t)i * sstep * W)), d = dst + (Addr)((int64_t)i * dstep * W);
            if (old) old[i] = ram_word(&h->ram, d);
            heap_incref(h, v);
            ram_set_word(&h->ram, d, v);
        }
        return;
    }
    uint8_t *d = ram_ptr(&h->ram, dst);
    const uint8_t *s = ram_ptr(&h->ram, src);
    ptrdiff_t ds = (ptrdiff_t)dstep * W, ss = (ptrdiff_t)sstep * W;
    if (W == 8) copy_refs_le(&h->ram, d, ds, s, ss, n, h->immortal_rc, 8, old);
    else copy_refs_le(&h->ram, d, ds, s, ss, n, h->immortal_rc, 4, old);
}

void heap_copy_refs_any(Heap *h, Addr dst, Addr src, int64_t step, size_t n) { move_refs(h, dst, 1, src, step, n, NULL); }

void heap_store_refs(Heap *h, Addr dst, int64_t step, Addr src, size_t n, Addr *old) { move_refs(h, dst, step, src, 1, n, old); }

/* Calls fn on the marked ids in map bytes [lo, hi), skipping eight
** unmarked bytes at a time. */
static void walk_range(Heap *h, size_t lo, size_t hi, void (*fn)(void *ud, Addr o), void *ud)
{
    for (size_t i = lo & ~(size_t)7; i < hi; i += 8) {
        uint64_t w;
        memcpy(&w, h->objmap + i, 8);           /* the map has 8 spare bytes */
        if (!w) continue;
        for (size_t j = i < lo ? lo : i; j < i + 8 && j < hi; j++)
            if (h->objmap[j]) fn(ud, h->ram.heap + (Addr)j * h->L.alignment);
    }
}

/* Objects live where the allocator has handed out blocks: the arenas below
** arena_top and the large blocks from large_top up (heap/alloc.c). */
void heap_walk(Heap *h, void (*fn)(void *ud, Addr o), void *ud)
{
    size_t top = (size_t)((h->arena_top - h->ram.heap) / h->L.alignment);
    size_t large = (size_t)((h->large_top - h->ram.heap) / h->L.alignment);
    walk_range(h, 0, top < large ? top : large, fn, ud);
    walk_range(h, large, h->objmap_bytes, fn, ud);
}

/* The numbers heap.h gives the fast loops of h's word size (heap/std_layout.h). */
#define STD_IS(w8, name) (w8 ? TV_STD(8, name) : TV_STD(4, name))

bool heap_std_layout(const Heap *h)
{
    const Layout *L = &h->L;
    bool w8 = h->W == 8, lv = L->int_size_encoding == INT_SIZE_LV_TAG;
    uint64_t immortal = lv ? (uint64_t)STD_IS(w8, IMMORTAL_RC) : UINT64_MAX;
    return (h->W == 8 || h->W == 4) && L->alignment == STD_IS(w8, ALIGN) && L->pool_size == STD_IS(w8, POOL_SIZE)
        && L->small_threshold == STD_IS(w8, SMALL_THRESHOLD) && L->small_int_min == STD_IS(w8, SMALL_MIN)
        && L->small_int_max == STD_IS(w8, SMALL_MAX) && L->small_int_stride == STD_IS(w8, SMALL_STRIDE)
        && L->float_size == STD_IS(w8, FLOAT_SIZE) && h->immortal_rc == immortal;
}

uint64_t heap_fixed_size(const Heap *h, TypeId t)
{
    const Layout *L = &h->L;
    switch (t) {
    case TY_FUNCTION: return L->function_size;
    case TY_RANGE: return L->range_size;
    case TY_SLICE: return (2 + 3) * (uint64_t)h->W + heap_gc(h, t);  /* start, stop, step */
    case TY_LISTITER: case TY_TUPLEITER: case TY_STRITER: case TY_USTRITER: case TY_LISTREVITER:
    case TY_REVERSED:   /* reversedobject: index, seq */
        return L->iter_size;
    case TY_RANGEITER: case TY_LONGRANGEITER: return L->range_iter_size;   /* longs, or ints */
    case TY_ENUMERATE:  /* enumobject: en_index, en_sit, en_result, en_longindex, one */
        return (2 + 5) * (uint64_t)h->W + heap_gc(h, t);
    case TY_MAP: case TY_FILTER:    /* mapobject: iters, func; filterobject: func, it */
        return (2 + 2) * (uint64_t)h->W + heap_gc(h, t);
    case TY_ZIP:        /* zipobject: tuplesize, ittuple, result, strict (an int, padded) */
        return (2 + 4) * (uint64_t)h->W + heap_gc(h, t);
    case TY_BUILTIN:    /* PyCFunctionObject: ml, self, module, weakreflist, vectorcall */
        return (2 + 5) * (uint64_t)h->W + heap_gc(h, t);
    case TY_DICTITER: case TY_DICTVALITER: case TY_DICTITEMITER:
    case TY_DICTREVKEYITER: case TY_DICTREVVALITER: case TY_DICTREVITEMITER:
        /* dictiterobject: dict, used, pos, result, len */
        return (2 + 5) * (uint64_t)h->W + heap_gc(h, t);
    default:
        /* Objects whose layout no program can measure: header plus the
        ** fields tracevm keeps (see heap_owned_fields), plus the GC header. */
        return (2 + 6) * (uint64_t)h->W + heap_gc(h, t);
    }
}

/* Generic objects keep their object references in the first fields. */
unsigned heap_owned_fields(const Heap *h, Addr o, TypeId t)
{
    (void)o;
    switch (t) {
    case TY_LONGRANGEITER:          /* its ints (a range_iterator's are C longs) */
        return h->range_iter_index ? 4 : 3;
    case TY_FUNCTION: return 4;     /* globals, name, defaults, code */
    case TY_BUILTIN: return 1;      /* bound self */
    case TY_MODULE: return 2;       /* dict, name */
    case TY_RANGE: return 4;        /* start, stop, step, length */
    case TY_SLICE: return 3;
    case TY_LISTITER: case TY_TUPLEITER: case TY_STRITER: case TY_USTRITER: case TY_LISTREVITER: case TY_REVERSED:
        return 1;                   /* seq */
    case TY_DICTITER: case TY_DICTVALITER: case TY_DICTITEMITER:
    case TY_DICTREVKEYITER: case TY_DICTREVVALITER: case TY_DICTREVITEMITER:
        return 2;                   /* result, dict (vm/ops.h) */
    case TY_DICTKEYS: case TY_DICTVALUES: case TY_DICTITEMS: return 1;
    case TY_ENUMERATE: return 3;    /* en_longindex, en_result, en_sit (vm/ops.h) */
    case TY_ZIP: return 2;          /* result, ittuple */
    case TY_MAP: return 2;          /* func, iters (vm/ops.h) */
    case TY_FILTER: return 2;       /* it, func */
    case TY_FILE: return 2;         /* name, mode */
    case TY_SQLCONN: return 1;      /* path */
    case TY_SQLCURSOR: return 2;    /* connection, last rows list */
    default: return 0;
    }
}

uint64_t heap_sizeof(Heap *h, Addr o)
{
    TypeId t = obj_type(h, o);
    const Layout *L = &h->L;
    switch (t) {
    case TY_NONE: return L->none_size;
    case TY_BOOL: case TY_INT: return int_sizeof(h, o);
    case TY_FLOAT: return L->float_size;
    case TY_STR: return str_sizeof(h, o);
    case TY_TUPLE: return L->tuple_base + tuple_len(h, o) * (uint64_t)L->tuple_item;
    case TY_LIST:   /* allocated is -1 while list.sort holds the list */
        return L->list_base + (uint64_t)(ram_sword(&h->ram, o + 4 * HEAP_W(h)) * (int64_t)L->list_slot);
    case TY_DICT: return dict_sizeof(h, o);
    case TY_TYPE: return h->type_stride;
    default: return heap_fixed_size(h, t);
    }
}

static Addr pop_pending(Heap *h)
{
    Addr entry = h->pending, o = entry & ~(Addr)1;
    h->pending = ram_word(&h->ram, o);
    ram_set_word(&h->ram, o, 0);
    return entry;
}

static void free_one(Heap *h, Addr entry);

void heap_free_pending(Heap *h)
{
    while (h->pending) free_one(h, pop_pending(h));
}

void heap_realloced(Heap *h, TypeId t, Addr was, Addr now, uint64_t oldsize, uint64_t newsize)
{
    if (now != was) {
        heap_mark(h, was, false);
        heap_mark(h, now, true);
    }
    if (!h->obs) return;
    if (now == was) {
        HeapEvent e = { HEV_RESIZE, t, now, newsize, oldsize, newsize };
        h->obs(h->obs_ud, &e);
    } else {            /* the new block is taken before the old one is freed */
        HeapEvent a = { HEV_ALLOC, t, now, newsize, 0, 1 }, f = { HEV_FREE, t, was, oldsize, 0, 0 };
        h->obs(h->obs_ud, &a);
        h->obs(h->obs_ud, &f);
    }
}

void heap_report_free(Heap *h, Addr o, TypeId t)
{
    HeapEvent e = { HEV_FREE, t, o, heap_sizeof(h, o), 0, 0 };
    h->obs(h->obs_ud, &e);
}

void heap_dealloc(Heap *h, Addr o)
{
    /* the common cases need no work list: an object that owns no
    ** references (it is what popping it at once would do), and with
    ** nobody observing, a tuple, list or dict (free_seq) or any other
    ** object (free_object) */
    if (!h->deallocating) {
        if (!h->obs && heap_free_number(h, o)) return;          /* as the CPU loops free them */
        TypeId t = obj_type(h, o);
        if (t == TY_STR && !h->obs) { str_free(h, o); return; }    /* free_leaf's, sooner */
        if (free_leaf(h, o, t)) return;
        if (seq_or_object(t) && !h->obs) {
            free_dying(h, o, t);
            return;
        }
    }
    push_pending(h, o);
    if (h->deallocating) return;
    h->deallocating = true;
    heap_free_pending(h);
    h->deallocating = false;
}

/*
** Freeing runs in two phases so that the order matches CPython's recursive
** deallocation: phase 1 reports the free and drops the object's references
** (children that die are pushed above it, so they are freed first, last
** item first); phase 2 (the entry tagged with bit 0) releases its memory.
*/
static void free_one(Heap *h, Addr entry)
{
    Addr o = entry & ~(Addr)1;
    TypeId t = obj_type(h, o);
    if (entry & 1) {
        switch (t) {
        case TY_TUPLE: tuple_dealloc(h, o); return;
        case TY_LIST: list_dealloc(h, o); return;
        case TY_DICT: dict_free_object(h, o); return;
        case TY_SLICE: slice_dealloc(h, o); return;
        default: heap_unmake(h, o, heap_fixed_size(h, t)); return;
        }
    }
    if (free_leaf(h, o, t)) return;
    free_event(h, o, t);
    push_pending(h, o | 1);
    /* the references are dropped in the dealloc's order, so the refcount
    ** rows come in CPython's order; CPython frees each dying child whole
    ** before the next drop: the ones that die are collected on a list of
    ** their own, then turned over onto the work list so that the first
    ** to die is popped first */
    Addr below = h->pending;
    h->pending = 0;
    switch (t) {
    case TY_TUPLE:          /* tupledealloc and list_dealloc: last item first */
        for (size_t i = tuple_len(h, o); i-- > 0;) heap_decref(h, tuple_get(h, o, i));
        break;
    case TY_LIST:
        for (size_t i = list_len(h, o); i-- > 0;) heap_decref(h, list_get(h, o, i));
        break;
    case TY_DICT:           /* key 0, value 0, key 1, ... */
        dict_clear_refs(h, o);
        break;
    default: {              /* the owned fields, in heap_drop_field's order */
        unsigned n = heap_owned_fields(h, o, t);
        for (unsigned k = 0; k < n; k++) heap_decref(h, obj_field(h, o, heap_drop_field(t, k, n)));
        break;
    }
    }
    Addr died = h->pending;
    h->pending = below;
    while (died) {
        Addr next = ram_word(&h->ram, died);
        push_pending(h, died);
        died = next;
    }
}
