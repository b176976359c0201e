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
char *fmt_u64(char buf[24], uint64_t v);
void sb_put_i64(StrBuf *b, int64_t v);          /* decimal, as "%lld" */
void sb_put_u64(StrBuf *b, uint64_t v);         /* decimal, as "%llu" */
void sb_put_hex(StrBuf *b, uint64_t v, int digits); /* as "%0*llx" */
/* Appends code point 'cp' encoded as UTF-8. */
void sb_put_utf8(StrBuf *b, uint32_t cp);
/* Detaches the buffer: the caller owns the returned string (never NULL). */
char *sb_take(StrBuf *b);

/* Decodes one UTF-8 sequence at s[0..n). Returns its length (1..4) and sets
** *cp, or returns 0 for an invalid or truncated sequence. */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

#endif
