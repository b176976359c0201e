/*
** heap/obj_float.c: float objects {ob_refcnt, ob_type, ob_fval}. The double
** sits right after the header (i386 aligns it to 4, so the header's end).
** Freed floats go to a free list of 'float_freelist' entries first, as
** CPython's float_dealloc does, so a new float reuses the last freed id.
*/
#include "heap/heap_internal.h"

Addr float_new(Heap *h, double v)
{
    Addr o;
    if (h->nfloat_free) {
        o = h->float_free[--h->nfloat_free];
        heap_revive(h, o, TY_FLOAT, h->L.float_size);
    } else {
        o = heap_make(h, TY_FLOAT, h->L.float_size);
        if (!o) return 0;
    }
    ram_set_double(&h->ram, o + 2 * h->W, v);
    return o;
}
