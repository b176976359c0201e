/*
** heap/ram.h: the simulated RAM. One byte array that starts at a simulated
** base address; values are read and written in the profile's byte order and
** word size. Segments (low to high): code, static, stack, heap. The host
** array is an anonymous mapping, so untouched simulated RAM costs nothing.
*/
#ifndef TRACEVM_RAM_H
#define TRACEVM_RAM_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "heap/layout.h"

/* Sanitizer builds (ASan) leave inlining to the compiler: forcing the hot
** paths inline there multiplies their compile time (heap.h HEAP_HOT). */
#if defined(__SANITIZE_ADDRESS__)
#define TRACEVM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TRACEVM_SANITIZED 1
#endif
#endif
#ifndef TRACEVM_SANITIZED
#define TRACEVM_SANITIZED 0
#endif

typedef uint64_t Addr;          /* simulated address; 0 = none (NULL) */

/* The accessors below are a load or two each: inline even where PGO
** compiles for size (code it did not train, where a call to an outlined
** ram_word cost a native's loop three times its work). Sanitizer builds
** leave it to the compiler. */
#if TRACEVM_SANITIZED
#define RAM_INLINE static inline
#else
#define RAM_INLINE static inline __attribute__((always_inline))
#endif

/*
** A translation unit may be compiled for one machine shape: defining
** TRACEVM_WORD (4 or 8) before including this header folds the word size
** and little-endian order into every inline access below, so a word read is
** one host load. vm/cpu_fast.c builds the CPU loop that way (with
** TRACEVM_DIRECT, below); vm_run only enters it for a profile of that shape.
*/
#ifdef TRACEVM_WORD
#define RAM_WORD(r) ((unsigned)TRACEVM_WORD)
#define RAM_BIG(r) false
#else
#define RAM_WORD(r) ((r)->word)
#define RAM_BIG(r) ((r)->big)
#endif

typedef struct Ram {
    uint8_t *mem;               /* host bytes of simulated RAM */
    Addr base;                  /* simulated address of mem[0] */
    uintptr_t bias;             /* mem - base: the host byte of 'a' is bias + a */
    uint64_t size;
    unsigned word;              /* 4 or 8 */
    bool big;                   /* big-endian profile */
    Addr code, code_end;        /* segments */
    Addr stat, stat_end;
    Addr stack, stack_end;
    Addr heap, heap_end;
} Ram;

/* Maps 'L->ram_size' bytes. Returns 0, or -1 if the host refuses. */
int ram_init(Ram *r, const Layout *L);
void ram_free(Ram *r);
/* Gives the host pages inside [a, a+n) back: they read as zero again (as
** untouched RAM does) and cost no host memory until written. */
void ram_discard(Ram *r, Addr a, uint64_t n);

static inline bool ram_valid(const Ram *r, Addr a, uint64_t n)
{
    return a >= r->base && n <= r->size && a - r->base <= r->size - n;
}

/* Points 'r' at host bytes 'mem' (a copy of the RAM, for comparisons). */
static inline void ram_set_mem(Ram *r, uint8_t *mem)
{
    r->mem = mem;
    r->bias = (uintptr_t)mem - (uintptr_t)r->base;
}

/* The host byte of simulated address 'a'. A unit compiled with
** TRACEVM_DIRECT only runs on RAM mapped at its own simulated addresses
** (bias 0, see ram_init), where the address is the pointer. */
#ifdef TRACEVM_DIRECT
RAM_INLINE uint8_t *ram_ptr(const Ram *r, Addr a) { (void)r; return (uint8_t *)(uintptr_t)a; }
#else
RAM_INLINE uint8_t *ram_ptr(const Ram *r, Addr a) { return (uint8_t *)(r->bias + (uintptr_t)a); }
#endif

/* Reads an n-byte unsigned value (n = 1, 2, 4, 8) in the profile's order. */
static inline __attribute__((always_inline)) uint64_t ram_rd(const Ram *r, Addr a, unsigned n)
{
    const uint8_t *p = ram_ptr(r, a);
    if (!RAM_BIG(r)) {
        switch (n) {
        case 1: return p[0];
        case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
        case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
        default: { uint64_t v; memcpy(&v, p, 8); return v; }
        }
    }
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++) v = v << 8 | p[i];
    return v;
}

static inline __attribute__((always_inline)) void ram_wr(Ram *r, Addr a, unsigned n, uint64_t v)
{
    uint8_t *p = ram_ptr(r, a);
    if (!RAM_BIG(r)) {
        switch (n) {
        case 1: p[0] = (uint8_t)v; return;
        case 2: { uint16_t t = (uint16_t)v; memcpy(p, &t, 2); return; }
        case 4: { uint32_t t = (uint32_t)v; memcpy(p, &t, 4); return; }
        default: memcpy(p, &v, 8); return;
        }
    }
    for (unsigned i = n; i-- > 0; v >>= 8) p[i] = (uint8_t)v;
}

/* A word: the common shapes first, so generic code branches twice at most. */
RAM_INLINE uint64_t ram_word(const Ram *r, Addr a)
{
    if (!RAM_BIG(r)) {
        const uint8_t *p = ram_ptr(r, a);
        if (RAM_WORD(r) == 8) { uint64_t v; memcpy(&v, p, 8); return v; }
        uint32_t v; memcpy(&v, p, 4); return v;
    }
    return ram_rd(r, a, RAM_WORD(r));
}

RAM_INLINE void ram_set_word(Ram *r, Addr a, uint64_t v)
{
    if (!RAM_BIG(r)) {
        uint8_t *p = ram_ptr(r, a);
        if (RAM_WORD(r) == 8) { memcpy(p, &v, 8); return; }
        uint32_t w = (uint32_t)v; memcpy(p, &w, 4); return;
    }
    ram_wr(r, a, RAM_WORD(r), v);
}

/* Signed word: sign-extends a 4-byte word. */
RAM_INLINE int64_t ram_sword(const Ram *r, Addr a)
{
    uint64_t v = ram_word(r, a);
    return RAM_WORD(r) == 4 ? (int64_t)(int32_t)(uint32_t)v : (int64_t)v;
}

RAM_INLINE double ram_double(const Ram *r, Addr a)
{
    uint64_t bits = ram_rd(r, a, 8);
    double d;
    memcpy(&d, &bits, 8);
    return d;
}

RAM_INLINE void ram_set_double(Ram *r, Addr a, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, 8);
    ram_wr(r, a, 8, bits);
}

#endif
