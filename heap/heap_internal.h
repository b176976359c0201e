/*
** heap/heap_internal.h: what heap/ files share and nothing outside heap/
** includes: object creation bookkeeping and per-type sizes.
*/
#ifndef TRACEVM_HEAP_INTERNAL_H
#define TRACEVM_HEAP_INTERNAL_H

#include "heap/heap.h"

void heap_alloc_init(Heap *h);
void heap_alloc_free(Heap *h);

/* Allocates an object block of 'size' bytes (getsizeof, GC header included
** for GC types), writes refcount 1 and the type pointer, registers it and
** reports HEV_ALLOC. Returns its id (block + GC header) or 0. */
Addr heap_make(Heap *h, TypeId t, uint64_t size);
/* Writes refcount 1 and the type pointer of a recycled object (free list). */
void heap_revive(Heap *h, Addr o, TypeId t, uint64_t size);
/* Forgets object 'o' and releases its block of 'size' bytes. */
void heap_unmake(Heap *h, Addr o, uint64_t size);


void heap_str_init(Heap *h);     /* "" and the 256 one-char strings */
void heap_int_init(Heap *h);     /* small ints, True, False */
void heap_intern_free(Heap *h);
void str_forget_interned(Heap *h, Addr s);
/* Phase 2 of freeing containers (their items are already released). */
void list_dealloc(Heap *h, Addr o);
void dict_dealloc(Heap *h, Addr o);
void tuple_dealloc(Heap *h, Addr o);
uint64_t dict_sizeof(Heap *h, Addr o);
void dict_clear_refs(Heap *h, Addr o);   /* phase 1: drop keys and values */
uint64_t str_sizeof(const Heap *h, Addr o);
uint64_t int_sizeof(const Heap *h, Addr o);
void heap_dict_init(Heap *h);


static inline unsigned heap_gc(const Heap *h, TypeId t) { return heap_type_gc[t] ? h->L.gc_header : 0; }

#endif
