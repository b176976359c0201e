/*
** vm/cli_aslr.c: '--aslr SEED', address space layout randomisation for the
** simulated machine. Real CPython gets its arenas from mmap at addresses
** the kernel randomises, so id() changes from run to run; tracevm is
** deterministic by default and shows that effect only when asked.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "vm/cli.h"

/* splitmix64: a different, well-spread offset for neighbouring seeds. */
static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15u;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
    return x ^ (x >> 31);
}

/*
** Moves the whole RAM by k arenas, k in [-K, -1] or [1, K]: every address
** keeps its offset from the base, so only ids change (and what depends on
** them, such as the order of a set of objects hashed by id). K is at most
** 0xffff and keeps RAM inside the address space a process gets: below
** 2^32 on 32-bit profiles, below 2^47 (user space on x86_64) on 64-bit.
*/
bool cli_apply_aslr(Profile *p, const char *seed_text)
{
    char *end;
    errno = 0;
    unsigned long long seed = strtoull(seed_text, &end, 10);
    if (!*seed_text || *end || errno || seed_text[0] == '-') {
        fprintf(stderr, "tracevm: error: --aslr needs a whole number (the seed), got '%s'\n", seed_text);
        return false;
    }
    Layout *L = &p->layout;
    uint64_t arena = L->arena_size;
    uint64_t top = L->word == 4 ? 1ull << 32 : 1ull << 47;
    uint64_t end_ram = L->ram_base + L->ram_size;
    uint64_t up = end_ram < top ? (top - end_ram) / arena : 0;
    uint64_t down = L->ram_base / arena > 0 ? L->ram_base / arena - 1 : 0;
    uint64_t k = up < down ? up : down;
    if (k > 0xffff) k = 0xffff;
    if (k == 0) {
        fprintf(stderr, "tracevm: error: --aslr: profile '%s' leaves no room to move its RAM\n", p->name);
        return false;
    }
    uint64_t pick = mix(seed) % (2 * k);        /* 0..k-1 down, k..2k-1 up */
    if (pick < k) L->ram_base -= (pick + 1) * arena;
    else L->ram_base += (pick - k + 1) * arena;
    return true;
}
