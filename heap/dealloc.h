/*
** heap/dealloc.h: the death of objects while nothing observes the heap,
** as static functions compiled into each unit that includes this file:
** heap/heap.c (heap_dealloc) and vm/cpu_fast.c, the untraced CPU loops,
** where the word size is a constant and RAM is read directly (as vm/cpu.h
** is compiled more than once). The loops' heap_decref comes here through
** HEAP_DEALLOC (heap/heap.h) for tuples, lists and dicts; everything else, and
** any death during another, goes to heap_dealloc and its work list.
*/
#ifndef TRACEVM_DEALLOC_H
#define TRACEVM_DEALLOC_H

#include "heap/dict_lookup.h"
#include "heap/heap_internal.h"
#include "heap/obj_str.h"

/*
** The work list costs no host memory: an object on it is dead, so its
** refcount word (0, and read by nobody) holds the entry below it, as
** CPython's trashcan reuses a dying object's own fields. An entry is an id,
** with bit 0 set for phase 2; popping writes the refcount word back to 0,
** so RAM ends as it would without the list. An object is on it at most
** once at a time (phase 2 is pushed after phase 1 is popped).
*/
static inline void push_pending(Heap *h, Addr entry)
{
    ram_set_word(&h->ram, entry & ~(Addr)1, h->pending);
    h->pending = entry;
}

/* Runs the work list until it is empty (heap/heap.c). */
void heap_free_pending(Heap *h);
/* Reports the free of 'o' to the observer (heap/heap.c). */
void heap_report_free(Heap *h, Addr o, TypeId t);

static inline void free_event(Heap *h, Addr o, TypeId t)
{
    heap_mark(h, o, false);
    if (HEAP_OBSERVED(h)) heap_report_free(h, o, t);  /* the size only matters to an observer */
}

/* Frees an object that owns no references (int, float, str): true, or
** false for any other type. Objects without a GC header. */
static inline bool free_leaf(Heap *h, Addr o, TypeId t)
{
    switch (t) {
    case TY_INT: case TY_BOOL:
        free_event(h, o, t);
        heap_release(h, o, int_sizeof(h, o));
        return true;
    case TY_FLOAT:
        free_event(h, o, t);
        if (h->nfloat_free < h->L.float_freelist) { h->float_free[h->nfloat_free++] = o; return true; }
        heap_release(h, o, h->L.float_size);
        return true;
    case TY_STR:
        if (!HEAP_OBSERVED(h)) { str_free_inline(h, o); return true; }
        free_event(h, o, t);
        str_release(h, o);
        return true;
    default:
        return false;
    }
}

/* Phase 2 of freeing a tuple or list (its items are already released):
** onto its free list, or back to the allocator. A live list's capacity
** always fits the heap, so its item array's size needs no check. */
static inline void tuple_dealloc(Heap *h, Addr o)
{
    size_t n = tuple_len(h, o);
    if (n < h->L.tuple_freelist_maxlen && h->ntuple_free[n] < h->L.tuple_freelist) {
        h->tuple_free[n][h->ntuple_free[n]++] = o;
        return;
    }
    heap_unmake_as(h, o, TY_TUPLE, tuple_bytes(h, n));
}

static inline void list_dealloc(Heap *h, Addr o)
{
    Addr items = list_items(h, o);
    if (items) heap_release(h, items, (uint64_t)list_capacity(h, o) * h->L.list_slot);
    if (h->nlist_free < h->L.list_freelist) { h->list_free[h->nlist_free++] = o; return; }
    heap_unmake_as(h, o, TY_LIST, h->L.list_base);
}

/* Phase 2 of freeing a slice: slice_dealloc keeps it in
** interp->slice_cache when that is empty (3.11 and 3.12), else frees it. */
static inline void slice_dealloc(Heap *h, Addr o)
{
    if (!h->slice_cache) { h->slice_cache = o; return; }
    heap_unmake_as(h, o, TY_SLICE, heap_fixed_size(h, TY_SLICE));
}

/*
** A tuple, list or dict whose refcount reached 0 while nothing observes
** the heap: what the work list does, with less bookkeeping. Each dying
** child is freed whole before the next, in CPython's order: a tuple's or
** list's items last to first (tupledealloc, list_dealloc), a dict's
** entries first to last, key then value (free_keys_object). The same
** blocks are freed in the same order as by the work list; only the
** refcount events, which nobody observes here, come in another order.
** Nested containers recurse to a bounded depth, then use the work list.
*/
enum { FREE_SEQ_DEPTH = 64 };

static void free_seq(Heap *h, Addr o, TypeId t, unsigned depth);
static void free_object(Heap *h, Addr o, TypeId t, unsigned depth);

/* Objects free_seq frees: containers, and the objects free_one frees by
** their owned fields (iterators, slices, functions, enumerate, zip..). */
static inline bool seq_or_object(TypeId t)
{
    return t == TY_TUPLE || t == TY_LIST || t == TY_DICT
        || !(t == TY_INT || t == TY_BOOL || t == TY_FLOAT || t == TY_STR || t == TY_NONE || t == TY_TYPE || t == TY_MODULE);
}

/* Drops a container's reference to 'v', freeing it if it dies. */
static inline void free_child(Heap *h, Addr v, unsigned depth)
{
    if (!v || obj_refcnt(h, v) != 1 || heap_is_static(h, v)) { heap_decref(h, v); return; }
    ram_set_word(&h->ram, v, 0);
    if (heap_free_number(h, v)) return;
    TypeId vt = obj_type(h, v);
    if (free_leaf(h, v, vt)) return;
    if ((vt == TY_TUPLE || vt == TY_LIST || vt == TY_DICT) && depth < FREE_SEQ_DEPTH) {
        free_seq(h, v, vt, depth + 1);
        return;
    }
    if (seq_or_object(vt) && depth < FREE_SEQ_DEPTH) {
        free_object(h, v, vt, depth + 1);
        return;
    }
    push_pending(h, v);
    heap_free_pending(h);
}

/* free_child for a container's item or value, with the common case inline:
** an item others still hold (or an immortal one) loses a reference in
** place. free_child is a call with a frame: a list of 15M bools took ~33
** instructions an item to free. Nothing observes the heap here. */
static inline void drop_child(Heap *h, Addr v, unsigned depth)
{
    if (v) {
        uint64_t rc = obj_refcnt(h, v);
        if (rc == HEAP_IMMORTAL_RC(h)) return;
        if (rc > 1) { ram_set_word(&h->ram, v, rc - 1); return; }
    }
    free_child(h, v, depth);
}

static void free_seq(Heap *h, Addr o, TypeId t, unsigned depth)
{
    free_event(h, o, t);
    if (t == TY_DICT) {
        Addr k = keys_of(h, o);
        KeysView v;
        keys_view(h, k, &v);
        size_t ne = (size_t)ram_word(&h->ram, dict_keys_nentries_at(h, k));
        for (size_t i = 0; i < ne; i++) {
            Addr e = v.entries + (Addr)i * v.esize + v.key_off;
            Addr key = ram_word(&h->ram, e);
            if (!key) continue;
            drop_child(h, key, depth);
            drop_child(h, ram_word(&h->ram, e + HEAP_W(h)), depth);
        }
        dict_free_object(h, o);
        return;
    }
    bool tuple = t == TY_TUPLE;
    size_t n = tuple ? tuple_len(h, o) : list_len(h, o);
    Addr items = tuple ? o + 3 * (Addr)HEAP_W(h) : list_items(h, o);
    for (size_t i = n; i-- > 0;) drop_child(h, ram_word(&h->ram, items + i * HEAP_W(h)), depth);
    if (tuple) tuple_dealloc(h, o); else list_dealloc(h, o);
}

/* free_one's default case (heap/heap.c) without the work list: the
** owned fields dropped in their dealloc's order (heap_drop_field), each
** dying one freed whole, then the object's block. */
static void free_object(Heap *h, Addr o, TypeId t, unsigned depth)
{
    free_event(h, o, t);
    if (t == TY_RANGE || t == TY_RANGEITER) {
        /* the common deaths of a loop, without the generic lookups: a
        ** range's four ints (heap_drop_field's order), an iterator of C
        ** longs; neither has a GC header */
        if (t == TY_RANGE)
            for (unsigned k = 0; k < 4; k++) free_child(h, obj_field(h, o, k), depth);
        heap_release(h, o, t == TY_RANGE ? h->L.range_size : h->L.range_iter_size);
        return;
    }
    if (t == TY_SLICE) {            /* x[a:b]'s: no generic lookups */
        for (unsigned k = 0; k < 3; k++) free_child(h, obj_field(h, o, heap_drop_field(TY_SLICE, k, 3)), depth);
        slice_dealloc(h, o);
        return;
    }
    if (t == TY_LISTITER || t == TY_TUPLEITER || t == TY_STRITER || t == TY_USTRITER) {
        free_child(h, obj_field(h, o, 0), depth);       /* the sequence, if not exhausted */
        heap_unmake_as(h, o, t, h->L.iter_size);
        return;
    }
    unsigned n = heap_owned_fields(h, o, t);
    for (unsigned k = 0; k < n; k++) free_child(h, obj_field(h, o, heap_drop_field(t, k, n)), depth);
    heap_unmake_as(h, o, t, heap_fixed_size(h, t));
}

/* A tuple at refcount 1 whose items' references its owner takes over (an
** unpacking): the tuple dies as free_seq frees it, without the decrefs of
** its items, which would undo the increfs the owner skipped. Nothing
** observes the heap. */
static inline void tuple_free_moved(Heap *h, Addr o)
{
    ram_set_word(&h->ram, o, 0);
    free_event(h, o, TY_TUPLE);
    tuple_dealloc(h, o);
}

/* A dying object that is not a number or str (seq_or_object): a tuple,
** list or dict freed by free_seq, anything else by free_object; what dies
** meanwhile beyond FREE_SEQ_DEPTH goes on the work list. */
static inline void free_dying(Heap *h, Addr o, TypeId t)
{
    h->deallocating = true;
    if (t == TY_TUPLE || t == TY_LIST || t == TY_DICT) free_seq(h, o, t, 0);
    else free_object(h, o, t, 0);
    h->deallocating = false;
}

/* heap_dealloc's common cases in the unit: a number, str, tuple, list or dict, nothing
** observing, no death in progress. Not inlined: a death is rare next to
** the decrefs that test for it, which stay small. */
static __attribute__((noinline, unused)) void heap_dealloc_unobserved(Heap *h, Addr o)
{
    TypeId t = obj_type(h, o);
    if (!h->deallocating && !HEAP_OBSERVED(h)) {
        /* as heap_dealloc frees them: str, numbers, then containers and the rest */
        if (t == TY_STR) { str_free_inline(h, o); return; }
        if (t == TY_INT) { free_leaf(h, o, t); return; }   /* any length (a, b = b, a + b) */
        if (heap_free_number(h, o) || free_leaf(h, o, t)) return;
        if (seq_or_object(t)) { free_dying(h, o, t); return; }
    }
    heap_dealloc(h, o);
}

#endif
