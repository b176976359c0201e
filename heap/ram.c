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

int ram_init(Ram *r, const Layout *L)
{
    memset(r, 0, sizeof *r);
    void *p = mmap(NULL, L->ram_size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
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
