#define _DEFAULT_SOURCE 1
/*
** heap/ram.c: mapping the simulated RAM and carving its segments.
*/
#include "heap/ram.h"

#include <sys/mman.h>
#include <unistd.h>

void ram_discard(Ram *r, Addr a, uint64_t n)
{
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), lo = (uintptr_t)ram_ptr(r, a), hi = lo + n;
    lo = (lo + page - 1) & ~(page - 1);
    hi &= ~(page - 1);
    if (hi > lo) madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

/*
** Maps the RAM at the host address equal to its simulated base when that
** range is free, so a simulated address is a host pointer (bias 0) and the
** untraced CPU loops need no translation (see ram.h, TRACEVM_DIRECT).
** Anywhere else works the same, only through the bias.
*/
static void *map_ram(const Layout *L)
{
    const int prot = PROT_READ | PROT_WRITE, flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
#ifdef MAP_FIXED_NOREPLACE
    uintptr_t want = (uintptr_t)L->ram_base;
    if (want == L->ram_base && want + L->ram_size > want) {
        void *p = mmap((void *)want, L->ram_size, prot, flags | MAP_FIXED_NOREPLACE, -1, 0);
        if (p == (void *)want) return p;
        if (p != MAP_FAILED) munmap(p, L->ram_size);   /* a kernel that took it as a hint */
    }
#endif
    return mmap(NULL, L->ram_size, prot, flags, -1, 0);
}

int ram_init(Ram *r, const Layout *L)
{
    memset(r, 0, sizeof *r);
    void *p = map_ram(L);
    if (p == MAP_FAILED) return -1;
    r->base = L->ram_base;
    ram_set_mem(r, p);
    r->size = L->ram_size;
    r->word = L->word;
    r->big = L->big_endian;
    r->code = r->base;
    r->code_end = r->code + L->code_size;
    r->stat = r->code_end;
    r->stat_end = r->stat + L->static_size;
    r->stack = r->stat_end;
    r->stack_end = r->stack + L->stack_size;
    /* The heap starts at the next arena boundary, as arenas are mapped aligned. */
    uint64_t align = L->arena_size;
    r->heap = (r->stack_end + align - 1) / align * align;
    r->heap_end = r->base + r->size;
    return 0;
}

void ram_free(Ram *r)
{
    if (r->mem) munmap(r->mem, r->size);
    r->mem = NULL;
}
