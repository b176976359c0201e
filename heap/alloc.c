/*
** heap/alloc.c: the simulated allocator. Requests up to the profile's
** small-request threshold are served like pymalloc: size classes of
** 'alignment' bytes, pools of 'pool_size' bytes carved from arenas of
** 'arena_size', a pool header in front of the blocks, a LIFO free list per
** pool (its links live in the freed blocks, in RAM, as in obmalloc.c), and
** per-class lists of pools that still have room. Larger requests stand in
** for the system malloc: blocks taken from the top of RAM downwards, first
** fit over an address-ordered free list. Deterministic: the same sequence of
** requests always yields the same addresses.
*/
#include "heap/heap.h"

#include <stdlib.h>

static unsigned nclasses(const Heap *h) { return h->L.small_threshold / h->L.alignment; }

uint64_t heap_block_size(const Heap *h, uint64_t n)
{
    uint64_t a = h->L.alignment;
    if (n == 0) n = 1;
    return (n + a - 1) & ~(a - 1);
}

static size_t pool_index(const Heap *h, Addr a)
{
    return (size_t)((a - h->ram.heap) >> h->pool_shift);
}

static void pools_reserve(Heap *h)
{
    if (h->pools) return;
    size_t n = (size_t)((h->ram.heap_end - h->ram.heap) / h->L.pool_size) + 1;
    h->pools = xcalloc(n, sizeof *h->pools);
    h->pools_cap = n;
    h->usedpools = xcalloc(nclasses(h) + 1, sizeof *h->usedpools);
}

static void unlink_pool(Heap *h, Pool *p, size_t idx)
{
    if (p->prev) h->pools[p->prev - 1].next = p->next;
    else h->usedpools[p->szidx] = p->next;
    if (p->next) h->pools[p->next - 1].prev = p->prev;
    p->next = p->prev = 0;
    (void)idx;
}

static void link_pool_front(Heap *h, Pool *p, size_t idx)
{
    uint32_t head = h->usedpools[p->szidx];
    p->prev = 0;
    p->next = head;
    if (head) h->pools[head - 1].prev = (uint32_t)idx + 1;
    h->usedpools[p->szidx] = (uint32_t)idx + 1;
}

/* A fresh pool for class 'szidx': a freed pool first, else carve the arena. */
static Pool *new_pool(Heap *h, unsigned szidx)
{
    Addr base;
    if (h->nfree_pools) {
        base = h->ram.heap + (Addr)h->free_pools[--h->nfree_pools] * h->L.pool_size;
    } else {
        /* Arenas are mapped on demand; a pool never straddles the large region. */
        if (h->arena_top + h->L.pool_size > h->large_top) return NULL;
        base = h->arena_top;
        h->arena_top += h->L.pool_size;
    }
    size_t idx = pool_index(h, base);
    Pool *p = &h->pools[idx];
    p->base = base;
    p->szidx = szidx;
    p->nalloc = 0;
    p->freeblock = 0;
    p->nextoffset = h->L.pool_header;
    ram_set_word(&h->ram, base, 0);     /* the header's ref.count word */
    link_pool_front(h, p, idx);
    return p;
}

static Addr pool_alloc(Heap *h, uint64_t bsize)
{
    unsigned szidx = (unsigned)(bsize >> h->align_shift) - 1;
    Pool *p = h->usedpools[szidx] ? &h->pools[h->usedpools[szidx] - 1] : new_pool(h, szidx);
    return p ? pool_take(h, p, bsize) : 0;
}

static void pool_free(Heap *h, Addr b, uint64_t bsize)
{
    size_t idx = pool_index(h, b);
    Pool *p = &h->pools[idx];
    pool_put(h, p, b, bsize);
    if (p->nalloc == 0) {
        unlink_pool(h, p, idx);
        p->base = 0;
        GROW_ARRAY(h->free_pools, h->nfree_pools, h->free_pools_cap);
        h->free_pools[h->nfree_pools++] = idx;
    }
}

/* A large request's size as the stand-in for malloc hands it out: whole
** multiples of glibc malloc's 16-byte alignment. */
static uint64_t large_size(uint64_t n) { return (n + 15) / 16 * 16; }

static Addr large_alloc(Heap *h, uint64_t n)
{
    n = large_size(n);
    for (size_t i = 0; i < h->nlarge_free; i++) {
        LargeBlock *f = &h->large_free[i];
        if (f->size >= n) {
            Addr b = f->addr;
            f->addr += n;
            f->size -= n;
            if (f->size == 0) {
                memmove(f, f + 1, (h->nlarge_free - i - 1) * sizeof *f);
                h->nlarge_free--;
            }
            return b;
        }
    }
    if (n > h->large_top - h->arena_top) return 0;
    h->large_top -= n;
    return h->large_top;
}

/*
** Freed large blocks from this size on give their host pages back, so host
** memory follows the simulated heap's live bytes, not its high-water mark
** (what is freed reads as zero afterwards; nothing reads freed RAM).
**
** Not at once: the latest few, up to KEEP_MAX bytes, keep their pages
** until later frees push them out. `s = s + t` on a 300 KB string frees a
** block that the next step takes again; giving its pages back at every
** free made the host fault them all in again (2.5 million page faults and
** 5 s, where 250 KB strings took 0.26 s). A block pushed out gives back
** only what is still free of it: the free blocks and the unused middle of
** the heap that it overlaps.
*/
enum { DISCARD_MIN = 256 * 1024, KEEP_MAX = 4 * 1024 * 1024 };

static void discard_free_parts(Heap *h, Addr a, uint64_t n)
{
    Addr e = a + n;
    Addr lo = a > h->arena_top ? a : h->arena_top, hi = e < h->large_top ? e : h->large_top;
    if (lo < hi) ram_discard(&h->ram, lo, hi - lo);
    for (size_t i = 0; i < h->nlarge_free && h->large_free[i].addr < e; i++) {
        const LargeBlock *f = &h->large_free[i];
        lo = a > f->addr ? a : f->addr;
        hi = e < f->addr + f->size ? e : f->addr + f->size;
        if (lo < hi) ram_discard(&h->ram, lo, hi - lo);
    }
}

/* Drops kept block i, giving back what is still free of it when 'give'. */
static void unkeep(Heap *h, unsigned i, bool give)
{
    LargeBlock k = h->large_kept[i];
    if (give) discard_free_parts(h, k.addr, k.size);
    h->large_kept_bytes -= k.size;
    h->nlarge_kept--;
    memmove(&h->large_kept[i], &h->large_kept[i + 1], (h->nlarge_kept - i) * sizeof k);
}

static void keep_pages(Heap *h, Addr b, uint64_t n)
{
    enum { SLOTS = sizeof h->large_kept / sizeof h->large_kept[0] };
    Addr e = b + n;
    /* a kept block that this one overlaps keeps only its parts outside it
    ** (the same RAM freed again, as `s = s + t` does every other step) */
    for (unsigned i = 0; i < h->nlarge_kept;) {
        LargeBlock k = h->large_kept[i];
        if (k.addr >= e || k.addr + k.size <= b) { i++; continue; }
        unkeep(h, i, false);
        LargeBlock part[2] = { { k.addr, b > k.addr ? b - k.addr : 0 }, { e, k.addr + k.size > e ? k.addr + k.size - e : 0 } };
        for (int j = 0; j < 2; j++) {
            if (!part[j].size) continue;
            if (h->nlarge_kept == SLOTS) { discard_free_parts(h, part[j].addr, part[j].size); continue; }
            h->large_kept[h->nlarge_kept++] = part[j];
            h->large_kept_bytes += part[j].size;
        }
    }
    if (n > KEEP_MAX) { ram_discard(&h->ram, b, n); return; }
    while (h->nlarge_kept && (h->nlarge_kept == SLOTS || h->large_kept_bytes + n > KEEP_MAX)) unkeep(h, 0, true);
    h->large_kept[h->nlarge_kept++] = (LargeBlock){ b, n };
    h->large_kept_bytes += n;
}

static void large_free(Heap *h, Addr b, uint64_t n)
{
    n = large_size(n);
    size_t i = 0;
    while (i < h->nlarge_free && h->large_free[i].addr < b) i++;
    GROW_ARRAY(h->large_free, h->nlarge_free, h->large_free_cap);
    memmove(&h->large_free[i + 1], &h->large_free[i], (h->nlarge_free - i) * sizeof *h->large_free);
    h->large_free[i] = (LargeBlock){ b, n };
    h->nlarge_free++;
    /* coalesce with neighbours */
    if (i + 1 < h->nlarge_free && b + n == h->large_free[i + 1].addr) {
        h->large_free[i].size += h->large_free[i + 1].size;
        memmove(&h->large_free[i + 1], &h->large_free[i + 2], (h->nlarge_free - i - 2) * sizeof *h->large_free);
        h->nlarge_free--;
    }
    if (i > 0 && h->large_free[i - 1].addr + h->large_free[i - 1].size == b) {
        h->large_free[i - 1].size += h->large_free[i].size;
        memmove(&h->large_free[i], &h->large_free[i + 1], (h->nlarge_free - i - 1) * sizeof *h->large_free);
        h->nlarge_free--;
        i--;
    }
    /* a free block touching the top of the large region gives RAM back */
    if (h->nlarge_free && h->large_free[0].addr == h->large_top) {
        h->large_top += h->large_free[0].size;
        memmove(&h->large_free[0], &h->large_free[1], (h->nlarge_free - 1) * sizeof *h->large_free);
        h->nlarge_free--;
    }
    if (n >= DISCARD_MIN) keep_pages(h, b, n);
}

Addr heap_alloc_slow(Heap *h, uint64_t n)
{
    pools_reserve(h);
    if (n == 0) n = 1;
    if (n > h->ram.heap_end - h->ram.heap) return 0;    /* never fits: no size arithmetic can wrap */
    Addr b = n <= h->L.small_threshold ? pool_alloc(h, heap_block_size(h, n)) : large_alloc(h, n);
    if (b) {
        uint64_t used = n <= h->L.small_threshold ? heap_block_size(h, n) : n;
        h->live_bytes += used;
        if (h->live_bytes > h->peak_bytes) h->peak_bytes = h->live_bytes;
    }
    return b;
}


/*
** A growing list's item array (list_resize) moved to a new block at every
** growth past the small threshold, and the old block's pages were given
** back: the host faulted in every page of every size the array passed
** through, twice CPython's page faults for a list of a million ints (its
** realloc is glibc's, which grows a mapped chunk by mremap, without
** touching the old pages). The lowest large block (the newest, when
** nothing larger was made since) can instead grow downwards into the free
** gap above the arenas: only the new pages are touched, and the contents
** move down by the difference.
*/
Addr heap_grow_large(Heap *h, Addr b, uint64_t oldn, uint64_t newn)
{
    uint64_t ro = large_size(oldn), rn = large_size(newn);
    if (b != h->large_top || oldn <= h->L.small_threshold || rn <= ro || rn - ro > h->large_top - h->arena_top) return 0;
    h->large_top -= rn - ro;
    h->live_bytes += newn - oldn;
    if (h->live_bytes > h->peak_bytes) h->peak_bytes = h->live_bytes;
    return h->large_top;
}

/*
** PyObject_Realloc (obmalloc.c pymalloc_realloc). A pymalloc block stays
** where it is when the new size still fits its size class and uses more
** than 3/4 of it; otherwise a new block is taken *before* the old one is
** freed, so a block that grows always moves. Blocks over the threshold
** stand in for glibc's realloc: a block followed by a free block big enough
** grows into it in place (glibc extends into the next free chunk or the
** top); otherwise it moves. The block a moved large block leaves right
** behind it is free, so the next growth finds room: growing a large string
** one char at a time copies it O(log n) times, not once per char.
*/
bool heap_fits_in_place(const Heap *h, uint64_t oldn, uint64_t newn)
{
    if (oldn > h->L.small_threshold || newn > h->L.small_threshold) return false;
    uint64_t bs = heap_block_size(h, oldn);
    return newn <= bs && 4 * newn > 3 * bs;
}

/* Grows or shrinks the large block b in place: true when done. */
static bool large_resize(Heap *h, Addr b, uint64_t oldn, uint64_t newn)
{
    uint64_t ro = large_size(oldn), rn = large_size(newn);
    if (newn <= h->L.small_threshold) return false;     /* size decides the allocator */
    if (rn < ro) {
        large_free(h, b + rn, ro - rn);
    } else if (rn > ro) {
        size_t i = 0;
        while (i < h->nlarge_free && h->large_free[i].addr < b + ro) i++;
        if (i == h->nlarge_free || h->large_free[i].addr != b + ro || h->large_free[i].size < rn - ro) return false;
        LargeBlock *f = &h->large_free[i];
        f->addr += rn - ro;
        f->size -= rn - ro;
        if (f->size == 0) {
            memmove(f, f + 1, (h->nlarge_free - i - 1) * sizeof *f);
            h->nlarge_free--;
        }
    }
    h->live_bytes += newn - oldn;       /* large blocks count the bytes asked for */
    if (h->live_bytes > h->peak_bytes) h->peak_bytes = h->live_bytes;
    return true;
}

Addr heap_realloc(Heap *h, Addr b, uint64_t oldn, uint64_t newn)
{
    if (oldn == 0) oldn = 1;
    if (newn == 0) newn = 1;
    if (oldn <= h->L.small_threshold ? heap_fits_in_place(h, oldn, newn) : large_resize(h, b, oldn, newn))
        return b;
    Addr nb = heap_alloc(h, newn);
    if (!nb) return 0;
    uint64_t have = oldn <= h->L.small_threshold ? heap_block_size(h, oldn) : oldn;
    memmove(ram_ptr(&h->ram, nb), ram_ptr(&h->ram, b), have < newn ? have : newn);
    heap_release(h, b, oldn);
    return nb;
}

void heap_release_slow(Heap *h, Addr b, uint64_t n)
{
    if (!b) return;
    if (n == 0) n = 1;
#ifdef HEAP_DEBUG_POISON
    memset(ram_ptr(&h->ram, b), 0xDD, n);
#endif
    if (n <= h->L.small_threshold) {
        h->live_bytes -= heap_block_size(h, n);
        pool_free(h, b, heap_block_size(h, n));
    } else {
        h->live_bytes -= n;
        large_free(h, b, n);
    }
}

void heap_alloc_init(Heap *h)
{
    h->arena_top = h->ram.heap;
    h->large_top = h->ram.heap_end;
    pools_reserve(h);       /* now, so the inline allocator need not check */
}

void heap_alloc_free(Heap *h)
{
    free(h->pools);
    free(h->usedpools);
    free(h->free_pools);
    free(h->large_free);
}
