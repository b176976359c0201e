/*
** heap/util.h: host-side helpers shared by every module: checked allocation
** (xmalloc aborts on host OOM, as clox's reallocate does), one growable-array
** macro, and StrBuf, a growable byte buffer for building text.
** Nothing here touches simulated RAM.
*/
#ifndef TRACEVM_UTIL_H
#define TRACEVM_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Host allocation that never returns NULL: aborts with a message instead. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grows 'arr' (element type T, count 'n', capacity 'cap') so index 'n' fits. */
#define GROW_ARRAY(arr, n, cap)                                          \
    do {                                                                 \
        if ((n) >= (cap)) {                                              \
            (cap) = (cap) < 8 ? 8 : (cap) * 2;                           \
            (arr) = xrealloc((arr), (size_t)(cap) * sizeof *(arr));      \
        }                                                                \
    } while (0)

/* A growable byte buffer, always NUL-terminated once anything was added. */
typedef struct StrBuf {
    char *s;
    size_t len, cap;
} StrBuf;

void sb_init(StrBuf *b);
void sb_free(StrBuf *b);
void sb_clear(StrBuf *b);                       /* len = 0, keeps capacity */
void sb_reserve(StrBuf *b, size_t extra);       /* room for 'extra' more bytes */
void sb_putc(StrBuf *b, char c);
void sb_put(StrBuf *b, const char *s, size_t n);
void sb_puts(StrBuf *b, const char *s);
void sb_printf(StrBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_vprintf(StrBuf *b, const char *fmt, va_list ap);
void sb_pad(StrBuf *b, char c, size_t n);       /* appends 'n' copies of 'c' */
/* Decimal text of v written at the end of buf (NUL-terminated); returns
** where it starts. Like "%lld" / "%llu", without printf. */
char *fmt_i64(char buf[24], int64_t v);
/* "00" "01" .. "99": two decimal digits of n at fmt_digit_pairs + 2n. */
extern const char fmt_digit_pairs[201];
char *fmt_u64(char buf[24], uint64_t v);
void sb_put_i64(StrBuf *b, int64_t v);          /* decimal, as "%lld" */
void sb_put_u64(StrBuf *b, uint64_t v);         /* decimal, as "%llu" */
void sb_put_hex(StrBuf *b, uint64_t v, int digits); /* as "%0*llx" */
/* Appends code point 'cp' encoded as UTF-8. */
void sb_put_utf8(StrBuf *b, uint32_t cp);
/* Detaches the buffer: the caller owns the returned string (never NULL). */
char *sb_take(StrBuf *b);

/*
** memcpy and memset for the few to few dozen bytes that strings, lists
** and dict tables mostly take, inline. The PGO build expands short
** memcpy/memset calls as 'rep movsb'/'rep stosb', whose start-up costs
** about 10 ns a copy on this machine; the moves below take about 3.5.
** Longer copies call memmove: GCC expands a memcpy of unknown size on a
** path the training rarely took as 'rep movsb' for every size (a 150 KB
** copy at a third of libc's speed), but never a memmove.
*/
static inline void copy_short(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;
    if (n > 32) { memmove(d, s, n); return; }
    if (n > 16) {                       /* two overlapping 16-byte halves */
        uint64_t a, b, c, e;
        memcpy(&a, s, 8); memcpy(&b, s + 8, 8); memcpy(&c, s + n - 16, 8); memcpy(&e, s + n - 8, 8);
        memcpy(d, &a, 8); memcpy(d + 8, &b, 8); memcpy(d + n - 16, &c, 8); memcpy(d + n - 8, &e, 8);
    } else if (n >= 8) {                /* two overlapping words */
        uint64_t a, b;
        memcpy(&a, s, 8); memcpy(&b, s + n - 8, 8);
        memcpy(d, &a, 8); memcpy(d + n - 8, &b, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4); memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4); memcpy(d + n - 4, &b, 4);
    } else if (n) {                     /* 1 to 3 bytes */
        uint8_t a = s[0], b = s[n / 2], c = s[n - 1];
        d[0] = a; d[n / 2] = b; d[n - 1] = c;
    }
}

/* n bytes of the byte c at d, a multiple of 4 (every object size is),
** 32 at a time (two 16-byte stores) up to 256. */
static inline void fill_words(void *dst, uint8_t c, size_t n)
{
    typedef uint64_t Pair __attribute__((vector_size(16)));
    uint8_t *d = dst;
    if (n > 256) { memset(d, c, n); return; }
    uint64_t w = 0x0101010101010101ull * c;
    Pair p = { w, w };
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        memcpy(d + i, &p, 16);
        memcpy(d + i + 16, &p, 16);
        __asm__("" : "+r"(i));          /* keeps GCC from making the loop a memset again */
    }
    if (i + 16 <= n) { memcpy(d + i, &p, 16); i += 16; }
    if (i + 8 <= n) { memcpy(d + i, &w, 8); i += 8; }
    if (i < n) memcpy(d + i, &w, 4);
}

/* Decodes one UTF-8 sequence at s[0..n). Returns its length (1..4) and sets
** *cp, or returns 0 for an invalid or truncated sequence. */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

#endif
