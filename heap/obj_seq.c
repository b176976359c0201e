/*
** heap/obj_seq.c: tuple and list.
**   tuple: {refcnt, type, ob_size, ob_item[n]}, GC header in front; lengths
**          below 'tuple_freelist_maxlen' are recycled through free lists.
**   list:  {refcnt, type, ob_size, ob_item*, allocated}, GC header in front;
**          the item array is a separate block, grown by CPython's
**          list_resize rule; list objects are recycled through a free list.
*/
#include "heap/heap_internal.h"

#include <stdlib.h>

/* ---- tuple ---- */

Addr tuple_new(Heap *h, size_t n)
{
    if (n == 0) { heap_incref(h, h->empty_tuple); return h->empty_tuple; }
    Addr o;
    if (n < h->L.tuple_freelist_maxlen && h->ntuple_free[n]) {
        o = h->tuple_free[n][--h->ntuple_free[n]];
        heap_revive(h, o, TY_TUPLE, tuple_bytes(h, n));
    } else {
        o = heap_make(h, TY_TUPLE, tuple_bytes(h, n));
        if (!o) return 0;
    }
    ram_set_word(&h->ram, o + 2 * h->W, n);
    for (size_t i = 0; i < n; i++) tuple_set(h, o, i, 0);
    return o;
}

/*
** _PyTuple_Resize of a tuple nothing else holds, to n slots. An empty
** tuple is shared, so it is dropped and a new one made; a cut to 0 slots
** gives the empty tuple too (the old one dies, onto its free list). Else
** the slots past n lose their items first to last, and the block is
** reallocated (PyObject_GC_Resize): it stays while its size class serves
** the new size, else the tuple moves to a new block (a new id) and the old
** one is freed; new slots are empty. The tuple, or 0 when RAM is full (the
** old one released).
*/
Addr tuple_resize(Heap *h, Addr o, size_t n)
{
    size_t old = tuple_len(h, o);
    if (old == n) return o;
    if (old == 0 || n == 0) {
        heap_decref(h, o);
        return tuple_new(h, n);
    }
    for (size_t i = n; i < old; i++) {
        Addr v = tuple_get(h, o, i);
        tuple_set(h, o, i, 0);
        heap_decref(h, v);
    }
    unsigned gc = heap_gc(h, TY_TUPLE);
    uint64_t oldsize = tuple_bytes(h, old), newsize = tuple_bytes(h, n);
    Addr b = newsize == UINT64_MAX ? 0 : heap_realloc(h, o - gc, oldsize, newsize);
    if (!b) { heap_decref(h, o); return 0; }
    Addr r = b + gc;
    ram_set_word(&h->ram, r + 2 * h->W, n);
    for (size_t i = old; i < n; i++) tuple_set(h, r, i, 0);
    heap_realloced(h, TY_TUPLE, o, r, oldsize, newsize);
    return r;
}

/* ---- list ---- */

static Addr f_items(const Heap *h, Addr l) { return l + 3 * h->W; }
static Addr f_alloc(const Heap *h, Addr l) { return l + 4 * h->W; }
static void set_size(Heap *h, Addr l, size_t n) { ram_set_word(&h->ram, l + 2 * h->W, n); }

Addr list_new(Heap *h, size_t n)
{
    Addr o;
    if (h->nlist_free) {
        o = h->list_free[--h->nlist_free];
        heap_revive(h, o, TY_LIST, h->L.list_base);
    } else {
        o = heap_make(h, TY_LIST, h->L.list_base);
        if (!o) return 0;
    }
    Addr items = 0;
    if (n) {
        items = heap_alloc(h, items_bytes(h, n));
        if (!items) {
            ram_set_word(&h->ram, f_items(h, o), 0);
            ram_set_word(&h->ram, f_alloc(h, o), 0);
            set_size(h, o, 0);
            heap_decref(h, o);
            return 0;
        }
        fill_words(ram_ptr(&h->ram, items), 0, n * h->W);    /* NULL items, in any byte order */
    }
    set_size(h, o, n);
    ram_set_word(&h->ram, f_items(h, o), items);
    ram_set_word(&h->ram, f_alloc(h, o), n);
    /* the list's own size changes with its capacity: report it again */
    return o;
}

/* Moves the item array to a block of 'cap' slots (PyMem_Realloc: a block
** that still fits its size class and is over 3/4 used stays in place). */
static int realloc_items(Heap *h, Addr l, size_t cap)
{
    Addr old = list_items(h, l);
    size_t oldcap = list_capacity(h, l);
    uint64_t oldbytes = items_bytes(h, oldcap), newbytes = items_bytes(h, cap);
    if (cap == 0) {
        heap_release(h, old, oldbytes);
        ram_set_word(&h->ram, f_items(h, l), 0);
        ram_set_word(&h->ram, f_alloc(h, l), 0);
        return 0;
    }
    if (old && heap_fits_in_place(h, oldbytes, newbytes)) {
        ram_set_word(&h->ram, f_alloc(h, l), cap);
        return 0;
    }
    size_t keep = list_len(h, l) < cap ? list_len(h, l) : cap;
    Addr nb = old ? heap_grow_large(h, old, oldbytes, newbytes) : 0;
    if (nb) {                           /* grown in place, downwards */
        memmove(ram_ptr(&h->ram, nb), ram_ptr(&h->ram, old), keep * h->W);
        ram_set_word(&h->ram, f_items(h, l), nb);
        ram_set_word(&h->ram, f_alloc(h, l), cap);
        return 0;
    }
    nb = heap_alloc(h, newbytes);
    if (!nb) return -1;
    if (old) {
        memmove(ram_ptr(&h->ram, nb), ram_ptr(&h->ram, old), keep * h->W);
        heap_release(h, old, oldbytes);
    }
    ram_set_word(&h->ram, f_items(h, l), nb);
    ram_set_word(&h->ram, f_alloc(h, l), cap);
    return 0;
}

int list_resize(Heap *h, Addr l, size_t newsize)
{
    size_t allocated = list_capacity(h, l), size = list_len(h, l);
    if (allocated >= newsize && newsize >= (allocated >> 1)) {
        set_size(h, l, newsize);
        return 0;
    }
    if (items_bytes(h, newsize) == UINT64_MAX) return -1;
    size_t cap = (newsize + (newsize >> 3) + 6) & ~(size_t)3;
    if (newsize > size && newsize - size > cap - newsize) cap = (newsize + 3) & ~(size_t)3;
    if (newsize == 0) cap = 0;
    if (realloc_items(h, l, cap) != 0) return -1;
    set_size(h, l, newsize);
    return 0;
}

void list_set(Heap *h, Addr l, size_t i, Addr v)
{
    Addr slot = list_items(h, l) + i * h->W;
    Addr old = ram_word(&h->ram, slot);
    ram_set_word(&h->ram, slot, v);
    heap_decref(h, old);
}

int list_append_grow(Heap *h, Addr l, Addr v)
{
    size_t n = list_len(h, l);
    if (list_resize(h, l, n + 1) != 0) { heap_decref(h, v); return -1; }
    ram_set_word(&h->ram, list_items(h, l) + n * h->W, v);
    return 0;
}

int list_insert(Heap *h, Addr l, size_t i, Addr v)
{
    size_t n = list_len(h, l);
    if (i > n) i = n;
    if (list_resize(h, l, n + 1) != 0) { heap_decref(h, v); return -1; }
    Addr items = list_items(h, l);
    memmove(ram_ptr(&h->ram, items + (i + 1) * h->W), ram_ptr(&h->ram, items + i * h->W), (n - i) * h->W);
    ram_set_word(&h->ram, items + i * h->W, v);
    return 0;
}

Addr list_pop(Heap *h, Addr l, size_t i)
{
    size_t n = list_len(h, l);
    Addr items = list_items(h, l);
    Addr v = ram_word(&h->ram, items + i * h->W);
    memmove(ram_ptr(&h->ram, items + i * h->W), ram_ptr(&h->ram, items + (i + 1) * h->W), (n - i - 1) * h->W);
    list_resize(h, l, n - 1);           /* shrinking only frees: cannot fail */
    return v;
}

void list_clear(Heap *h, Addr l)
{
    Addr items = list_items(h, l);
    if (!items) return;
    size_t n = list_len(h, l), cap = list_capacity(h, l);
    set_size(h, l, 0);
    ram_set_word(&h->ram, f_items(h, l), 0);
    ram_set_word(&h->ram, f_alloc(h, l), 0);
    for (size_t i = n; i-- > 0;) heap_decref(h, ram_word(&h->ram, items + i * h->W));
    heap_release(h, items, items_bytes(h, cap));
}

void list_hold(Heap *h, Addr l, ListHold *s)
{
    s->size = list_len(h, l);
    s->items = list_items(h, l);
    s->cap = ram_word(&h->ram, f_alloc(h, l));
    set_size(h, l, 0);
    ram_set_word(&h->ram, f_items(h, l), 0);
    ram_set_word(&h->ram, f_alloc(h, l), ~(uint64_t)0);   /* -1 in the word */
}

bool list_unhold(Heap *h, Addr l, const ListHold *s)
{
    Addr items = list_items(h, l);
    size_t n = list_len(h, l);
    int64_t cap = ram_sword(&h->ram, f_alloc(h, l));
    set_size(h, l, s->size);
    ram_set_word(&h->ram, f_items(h, l), s->items);
    ram_set_word(&h->ram, f_alloc(h, l), s->cap);
    if (items) {
        for (size_t i = n; i-- > 0;) heap_decref(h, ram_word(&h->ram, items + i * h->W));
        heap_release(h, items, items_bytes(h, (size_t)cap));
    }
    return cap == -1;
}

int list_assign_slice(Heap *h, Addr l, size_t lo, size_t hi, Addr src, size_t n)
{
    size_t size = list_len(h, l);
    if (lo > size) lo = size;
    if (hi < lo) hi = lo;
    else if (hi > size) hi = size;
    size_t norig = hi - lo;
    if (size - norig + n == 0) { list_clear(h, l); return 0; }
    Addr items = list_items(h, l), *recycle = NULL;
    if (norig) {                                /* the items replaced, released at the end */
        recycle = xmalloc(norig * sizeof *recycle);
        for (size_t k = 0; k < norig; k++) recycle[k] = ram_word(&h->ram, items + (lo + k) * h->W);
    }
    size_t tail = (size - hi) * h->W;
    if (n < norig) {
        size_t d = norig - n;
        memmove(ram_ptr(&h->ram, items + (hi - d) * h->W), ram_ptr(&h->ram, items + hi * h->W), tail);
        if (list_resize(h, l, size - d) != 0) {
            memmove(ram_ptr(&h->ram, items + hi * h->W), ram_ptr(&h->ram, items + (hi - d) * h->W), tail);
            for (size_t k = 0; k < norig; k++) ram_set_word(&h->ram, items + (lo + k) * h->W, recycle[k]);
            free(recycle);
            return -1;
        }
    } else if (n > norig) {
        size_t d = n - norig;
        if (list_resize(h, l, size + d) != 0) { free(recycle); return -1; }
        items = list_items(h, l);
        memmove(ram_ptr(&h->ram, items + (hi + d) * h->W), ram_ptr(&h->ram, items + hi * h->W), tail);
    }
    if (n) heap_copy_refs(h, list_items(h, l) + lo * h->W, src, 1, n);
    for (size_t k = norig; k-- > 0;) heap_decref(h, recycle[k]);
    free(recycle);
    return 0;
}

int list_del_slice(Heap *h, Addr l, size_t lo, size_t hi) { return list_assign_slice(h, l, lo, hi, 0, 0); }

void list_assign_ext(Heap *h, Addr l, size_t start, int64_t step, Addr src, size_t n)
{
    Addr *garbage = xmalloc(n * sizeof *garbage);
    heap_store_refs(h, list_items(h, l) + start * h->W, step, src, n, garbage);
    for (size_t i = 0; i < n; i++) heap_decref(h, garbage[i]);
    free(garbage);
}

int list_del_ext(Heap *h, Addr l, int64_t start, int64_t stop, int64_t step, size_t n)
{
    if (n == 0) return 0;
    if (step < 0) {                             /* the same items, walked upwards */
        stop = start + 1;
        start = stop + step * (int64_t)(n - 1) - 1;
        step = -step;
    }
    size_t size = list_len(h, l), cur, i;
    Addr items = list_items(h, l), *garbage = xmalloc(n * sizeof *garbage);
    uint8_t *p = ram_ptr(&h->ram, items);
    for (cur = (size_t)start, i = 0; cur < (size_t)stop; cur += (size_t)step, i++) {
        size_t lim = (size_t)step - 1;          /* the items kept up to the next one deleted */
        garbage[i] = ram_word(&h->ram, items + cur * h->W);
        if (cur + (size_t)step >= size) lim = size - cur - 1;
        memmove(p + (cur - i) * h->W, p + (cur + 1) * h->W, lim * h->W);
    }
    cur = (size_t)start + n * (size_t)step;
    if (cur < size) memmove(p + (cur - n) * h->W, p + cur * h->W, (size - cur) * h->W);
    set_size(h, l, size - n);
    int rc = list_resize(h, l, size - n);
    for (i = 0; i < n; i++) heap_decref(h, garbage[i]);
    free(garbage);
    return rc;
}

void list_reverse(Heap *h, Addr l)
{
    size_t len = list_len(h, l);
    Addr items = list_items(h, l);
    for (size_t i = 0; i < len / 2; i++) {
        Addr x = ram_word(&h->ram, items + i * h->W), y = ram_word(&h->ram, items + (len - 1 - i) * h->W);
        ram_set_word(&h->ram, items + i * h->W, y);
        ram_set_word(&h->ram, items + (len - 1 - i) * h->W, x);
    }
}

