/*
** heap/heap_internal.h: what heap/ files share and nothing outside heap/
** includes: object creation bookkeeping and per-type sizes.
*/
#ifndef TRACEVM_HEAP_INTERNAL_H
#define TRACEVM_HEAP_INTERNAL_H

#include "heap/heap.h"

void heap_alloc_init(Heap *h);
void heap_alloc_free(Heap *h);

/* Forgets object 'o' and releases its block of 'size' bytes. */
void heap_unmake(Heap *h, Addr o, uint64_t size);


void heap_str_init(Heap *h);     /* "" and the 256 one-char strings */
void heap_int_init(Heap *h);     /* small ints, True, False */
void heap_intern_free(Heap *h);
void str_forget_interned(Heap *h, Addr s);
uint64_t dict_sizeof(Heap *h, Addr o);
void dict_clear_refs(Heap *h, Addr o);   /* phase 1: drop keys and values */
uint64_t str_sizeof(const Heap *h, Addr o);
void heap_dict_init(Heap *h);


/* Bytes of a tuple of n items, and of a list's item array of n slots;
** UINT64_MAX when that cannot fit the heap (so heap_alloc refuses it
** instead of a product wrapping around). */
static inline uint64_t tuple_bytes(const Heap *h, size_t n)
{
    if (n > h->max_tuple_items) return UINT64_MAX;     /* precomputed: no division per tuple */
    return h->L.tuple_base + (uint64_t)n * h->L.tuple_item;
}
static inline uint64_t items_bytes(const Heap *h, size_t n)
{
    if (n > h->max_list_items) return UINT64_MAX;
    return (uint64_t)n * h->L.list_slot;
}

#endif
