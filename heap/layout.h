/*
** heap/layout.h: every number that differs between the CPython builds tracevm
** simulates. The profile loader (vm/profile.c) fills a Layout from YAML;
** heap/ reads object sizes, offsets and rules only from here, never from
** literals. Sizes named *_size / *_base are what sys.getsizeof reports (so
** they include the GC header for GC types), as in the fact sheet's table.
*/
#ifndef TRACEVM_LAYOUT_H
#define TRACEVM_LAYOUT_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    INT_SIZE_SIGNED,     /* 3.11: ob_size = +-ndigits, 0 for zero */
    INT_SIZE_LV_TAG      /* 3.12: lv_tag = ndigits << 3 | sign (0 pos, 1 zero, 2 neg) */
} IntSizeEncoding;

typedef enum {
    RC_STATIC_COUNTING,  /* 3.11: statics start at 'static_refcnt' and still count */
    RC_IMMORTAL          /* 3.12: statics hold 'static_refcnt' and never change */
} RefcountRule;

typedef struct Layout {
    /* machine */
    unsigned word;              /* pointer / Py_ssize_t bytes: 4 or 8 */
    bool big_endian;
    unsigned u64_align;         /* alignment of 8-byte struct members (i386: 4) */
    uint64_t ram_base;          /* simulated address of RAM byte 0 */
    uint64_t ram_size;          /* bytes of simulated RAM in all */
    uint64_t code_size;         /* code segment (instruction words) */
    uint64_t static_size;       /* statics: types, small ints, singletons */
    uint64_t stack_size;        /* register windows of call frames */

    /* object headers */
    unsigned gc_header;         /* PyGC_Head bytes in front of GC objects */

    /* int */
    unsigned digit_bits;        /* 30 */
    unsigned digit_bytes;       /* 4 */
    IntSizeEncoding int_size_encoding;
    int small_int_min, small_int_max;   /* -5..256 */
    unsigned small_int_stride;  /* distance between cached small ints */
    unsigned max_str_digits;    /* int<->str conversion limit (4300) */

    /* scalars (getsizeof) */
    unsigned none_size;
    unsigned bool_size;
    unsigned float_size;

    /* str */
    unsigned str_ascii_header;  /* compact ASCII struct */
    unsigned str_compact_header;/* compact non-ASCII struct */
    bool str_latin1_singleton_utf8; /* 3.12: static 1-char U+0080..U+00FF carry a UTF-8 copy */

    /* containers (getsizeof) */
    unsigned tuple_base, tuple_item;
    unsigned list_base, list_slot;
    unsigned dict_empty, dict_keys_header, dict_entry_str, dict_entry_generic;
    unsigned dict_min_slots;    /* PyDict_MINSIZE: 8 */
    unsigned set_empty;
    unsigned function_size;
    unsigned range_size;        /* range object */
    unsigned iter_size;         /* list / tuple / str iterators */
    unsigned range_iter_size;   /* range iterator: C longs index, start, step, len (3.11, 6 words)
                                ** or start, step, len (3.12, 5 words); heap/heap.h */

    /* refcounts and identity */
    RefcountRule refcount_rule;
    uint64_t static_refcnt;     /* 999999999, 4294967295 or 1073741823 */
    bool interned_immortal;     /* 3.12: interning makes a str immortal */
    bool script_ast_refs;       /* constants get one more ref while a script runs */

    /* allocator (pymalloc) */
    unsigned alignment;         /* size-class step: 16 or 8 */
    unsigned small_threshold;   /* largest pymalloc request: 512 */
    unsigned pool_size;         /* 16384 or 4096 */
    unsigned arena_size;        /* 1 MiB or 256 KiB */
    unsigned pool_header;       /* 48 or 32 */
    unsigned float_freelist;    /* free-list lengths: 100 */
    unsigned list_freelist;     /* 80 */
    unsigned dict_freelist;     /* 80 */
    unsigned dict_keys_at_start; /* small keys tables on their free list when a script starts: 8 or 5 */
    unsigned tuple_freelist;    /* per length: 2000 */
    unsigned tuple_freelist_maxlen; /* lengths 1..19 are kept: 20 */
} Layout;

#endif
