/*
** heap/obj_str.h: str functions heap/heap.h does not declare: fast paths
** next to its str section, for heap/heap.c and the VM's string operations.
*/
#ifndef TRACEVM_OBJ_STR_H
#define TRACEVM_OBJ_STR_H

#include "heap/heap.h"

/* The state word's bits (PyASCIIObject.state: interned, kind, compact,
** ascii). */
enum { ST_INTERNED_MASK = 3, ST_KIND_SHIFT = 2, ST_COMPACT = 1 << 5, ST_ASCII = 1 << 6 };

/* Phase 2 of freeing a str: forgets it if interned and returns its block
** (what heap_release(h, s, str_sizeof(h, s)) does, without the calls). */
void str_release(Heap *h, Addr s);
/* The whole death of a str nothing observes: the free's accounting (as
** free_event in heap/heap.c, minus the event) and str_release. */
void str_free(Heap *h, Addr s);

/* str_free, with its common case inline: an ASCII str that is not
** interned (the untraced loops compile it with direct RAM). */
static inline void str_free_inline(Heap *h, Addr s)
{
    uint32_t st = (uint32_t)ram_rd(&h->ram, s + 4 * HEAP_W(h), 4);
    if ((st & (ST_ASCII | ST_INTERNED_MASK)) != ST_ASCII) { str_free(h, s); return; }
    heap_mark(h, s, false);
    heap_release(h, s, h->L.str_ascii_header + str_len(h, s) + 1);
}

/* The UTF-8 text of s and its length: an ASCII str's own bytes in RAM
** (valid until the heap next changes), else a copy made in 'copy', which
** the caller frees (sb_init'd before). */
const char *str_utf8_view(const Heap *h, Addr s, StrBuf *copy, size_t *len);
/* Whether s's text is the UTF-8 t[0..n): a formatting that left s as it
** is, after which CPython's writer hands back s itself (readonly). */
bool str_is_utf8(const Heap *h, Addr s, const char *t, size_t n);
/* str_eq_cstr for text of known length 'n' (short names: no strlen, no
** memcmp call). */
bool str_eq_ascii(const Heap *h, Addr s, const char *c, size_t n);
/* a + b of two str: a new reference (a or b itself when the other is
** empty), or 0 when RAM is full. */
Addr str_add(Heap *h, Addr a, Addr b);
/* PyUnicode_Append: left + right, stealing left's reference. When left is
** held by nothing else, unhashed, not interned and wide enough, it is
** resized in place (its id kept while its block's size class holds) and
** returned; else a new str (or right, for an empty left) and left is
** released. 0 when RAM is full (left is kept). */
Addr str_append(Heap *h, Addr left, Addr right);
/* parts[0..n) joined with 'sep' between them (sep 0: none), when 'sep' and
** every part are ASCII str, as _PyUnicode_JoinArray joins them: the empty
** string for no chars, else a new string, even of one char; 0 when RAM is
** full. Sets *done false and does nothing when some part is not an ASCII
** str (the caller takes its general path). The caller answers a single
** part itself. */
Addr str_join_ascii(Heap *h, Addr sep, const Addr *parts, size_t n, bool *done);
/* A new ASCII string of n >= 1 chars, as str_new_ascii makes it, whose
** chars the caller writes at *chars before the heap is used again (no
** copy through a host buffer). 0 when RAM is full. */
Addr str_new_ascii_buf(Heap *h, size_t n, uint8_t **chars);
/* str(v): a new ASCII string of its decimal digits, never a cached
** one-char string (str(5) is not str(5)). 0 when RAM is full. */
Addr str_from_i64(Heap *h, int64_t v);

#endif
