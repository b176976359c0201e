/*
** vm/profile.c: loads a machine profile (profiles/NAME.yaml) into a Profile.
**
** Two passes over the file, which is read into memory first (at most
** PROFILE_MAX_BYTES):
**   1. libyaml's event parser checks what the document API cannot see: an
**      alias (refused at its own position, so an alias bomb costs nothing),
**      a second document, too many nodes, and every syntax or UTF-8 error.
**   2. yaml_parser_load builds the document; walk_map() walks the root
**      mapping and its sections ('machine:', 'int:', ...) against the
**      'fields' table, then check_layout() applies the checks that relate
**      several keys.
** The first problem found is reported as one line
** "path:line:col: error: message" naming the key (1-based; libyaml marks
** are 0-based). This file knows the key names; what the numbers mean for
** the heap is heap/layout.h's business.
*/
#include "vm/profile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "heap/util.h"

#ifndef TRACEVM_PROFILE_DIR
#define TRACEVM_PROFILE_DIR "profiles"
#endif

#define PROFILE_MAX_BYTES (1u << 20)    /* a real profile is ~3 KiB */
#define PROFILE_MAX_NODES 4096          /* a real profile has ~120 */
#define PAGE 4096u                      /* granularity of the RAM segments */

/* ------------------------------------------------------------------ */
/* The key table                                                       */
/* ------------------------------------------------------------------ */

/* Sections are the nested mappings of the root; TOP holds plain keys. */
#define SECTIONS(X)                                                       \
    X(TOP, "") X(MACHINE, "machine") X(RAM, "ram") X(GC, "gc")            \
    X(INT, "int") X(NONE, "none") X(BOOL, "bool") X(FLOAT, "float")       \
    X(STR, "str") X(TUPLE, "tuple") X(LIST, "list") X(DICT, "dict")       \
    X(SET, "set") X(FUNCTION, "function") X(RANGE, "range")               \
    X(ITER, "iter") X(REFCOUNT, "refcount") X(ALLOCATOR, "allocator")     \
    X(VM, "vm")

typedef enum {
#define SEC_ENUM(id, name) S_##id,
    SECTIONS(SEC_ENUM)
#undef SEC_ENUM
    S__COUNT
} Section;

static const char *const section_names[S__COUNT] = {
#define SEC_NAME(id, name) name,
    SECTIONS(SEC_NAME)
#undef SEC_NAME
};

typedef enum {
    T_UINT,     /* unsigned */
    T_INT,      /* int (may be negative) */
    T_U64,      /* uint64_t */
    T_BOOL,     /* true | false */
    T_TEXT,     /* one line of text; 'max' = longest length */
    T_VERSION,  /* "3.12" */
    T_ENDIAN,   /* little | big -> bool big_endian */
    T_INTENC,   /* signed | lv_tag -> IntSizeEncoding */
    T_RCRULE    /* static_counting | immortal -> RefcountRule */
} FieldType;

#define MiB (1024ull * 1024)
#define GiB (1024ull * 1024 * 1024)
#define DESC_CAP (sizeof ((Profile *)0)->description - 1)
#define VERSION_CAP (sizeof ((Profile *)0)->python_version - 1)

/*
** Every key a profile must have, in the order of the shipped files.
** 'min'..'max' is checked as soon as the value is read; with 'pair' set
** only the two values 'min' and 'max' themselves are allowed. Checks that
** involve several keys are in check_layout(). The caps also bound what the
** heap allocates on the host (tuple free lists: (maxlen+1)*(freelist+1)
** addresses; RAM is mapped whole).
**  id               section    key                      type       member                           min     max      pair */
#define FIELDS(X)                                                                                                            \
    X(DESCRIPTION,     TOP,       "description",           T_TEXT,    description,                     1,      DESC_CAP, 0)    \
    X(PYTHON_VERSION,  TOP,       "python_version",        T_VERSION, python_version,                  3,      VERSION_CAP, 0) \
    X(WORD,            MACHINE,   "word",                  T_UINT,    layout.word,                     4,      8,       1)     \
    X(ENDIAN,          MACHINE,   "endian",                T_ENDIAN,  layout.big_endian,               0,      0,       0)     \
    X(U64_ALIGN,       MACHINE,   "u64_align",             T_UINT,    layout.u64_align,                4,      8,       1)     \
    X(RAM_BASE,        RAM,       "base",                  T_U64,     layout.ram_base,                 1,      UINT64_MAX, 0)  \
    X(RAM_SIZE,        RAM,       "size",                  T_U64,     layout.ram_size,                 PAGE,   GiB,     0)     \
    X(CODE_SIZE,       RAM,       "code_size",             T_U64,     layout.code_size,                PAGE,   256 * MiB, 0)   \
    X(STATIC_SIZE,     RAM,       "static_size",           T_U64,     layout.static_size,              PAGE,   256 * MiB, 0)   \
    X(STACK_SIZE,      RAM,       "stack_size",            T_U64,     layout.stack_size,               PAGE,   256 * MiB, 0)   \
    X(GC_HEADER,       GC,        "header",                T_UINT,    layout.gc_header,                4,      64,      0)     \
    X(DIGIT_BITS,      INT,       "digit_bits",            T_UINT,    layout.digit_bits,               15,     30,      1)     \
    X(DIGIT_BYTES,     INT,       "digit_bytes",           T_UINT,    layout.digit_bytes,              2,      4,       1)     \
    X(SIZE_ENCODING,   INT,       "size_encoding",         T_INTENC,  layout.int_size_encoding,        0,      0,       0)     \
    X(SMALL_MIN,       INT,       "small_min",             T_INT,     layout.small_int_min,            -1024,  0,       0)     \
    X(SMALL_MAX,       INT,       "small_max",             T_INT,     layout.small_int_max,            0,      65535,   0)     \
    X(SMALL_STRIDE,    INT,       "small_stride",          T_UINT,    layout.small_int_stride,         8,      256,     0)     \
    X(MAX_STR_DIGITS,  INT,       "max_str_digits",        T_UINT,    layout.max_str_digits,           0,      100000000, 0)   \
    X(NONE_SIZE,       NONE,      "size",                  T_UINT,    layout.none_size,                8,      4096,    0)     \
    X(BOOL_SIZE,       BOOL,      "size",                  T_UINT,    layout.bool_size,                8,      4096,    0)     \
    X(FLOAT_SIZE,      FLOAT,     "size",                  T_UINT,    layout.float_size,               8,      4096,    0)     \
    X(FLOAT_FREELIST,  FLOAT,     "freelist",              T_UINT,    layout.float_freelist,           0,      10000,   0)     \
    X(STR_ASCII,       STR,       "ascii_header",          T_UINT,    layout.str_ascii_header,         8,      4096,    0)     \
    X(STR_COMPACT,     STR,       "compact_header",        T_UINT,    layout.str_compact_header,       8,      4096,    0)     \
    X(STR_LATIN1_UTF8, STR,       "latin1_singleton_utf8", T_BOOL,    layout.str_latin1_singleton_utf8, 0,     0,       0)     \
    X(TUPLE_BASE,      TUPLE,     "base",                  T_UINT,    layout.tuple_base,               8,      4096,    0)     \
    X(TUPLE_ITEM,      TUPLE,     "item",                  T_UINT,    layout.tuple_item,               4,      64,      0)     \
    X(TUPLE_FREELIST,  TUPLE,     "freelist",              T_UINT,    layout.tuple_freelist,           0,      10000,   0)     \
    X(TUPLE_FL_MAXLEN, TUPLE,     "freelist_maxlen",       T_UINT,    layout.tuple_freelist_maxlen,    0,      64,      0)     \
    X(LIST_BASE,       LIST,      "base",                  T_UINT,    layout.list_base,                8,      4096,    0)     \
    X(LIST_SLOT,       LIST,      "slot",                  T_UINT,    layout.list_slot,                4,      64,      0)     \
    X(LIST_FREELIST,   LIST,      "freelist",              T_UINT,    layout.list_freelist,            0,      10000,   0)     \
    X(DICT_EMPTY,      DICT,      "empty",                 T_UINT,    layout.dict_empty,               8,      4096,    0)     \
    X(DICT_KEYS,       DICT,      "keys_header",           T_UINT,    layout.dict_keys_header,         8,      4096,    0)     \
    X(DICT_ENTRY_STR,  DICT,      "entry_str",             T_UINT,    layout.dict_entry_str,           8,      256,     0)     \
    X(DICT_ENTRY_GEN,  DICT,      "entry_generic",         T_UINT,    layout.dict_entry_generic,       8,      256,     0)     \
    X(DICT_MIN_SLOTS,  DICT,      "min_slots",             T_UINT,    layout.dict_min_slots,           8,      128,     0)     \
    X(DICT_FREELIST,   DICT,      "freelist",              T_UINT,    layout.dict_freelist,            0,      10000,   0)     \
    X(DICT_KEYS_START, DICT,      "keys_freelist_at_start", T_UINT,   layout.dict_keys_at_start,       0,      10000,   0)     \
    X(SET_EMPTY,       SET,       "empty",                 T_UINT,    layout.set_empty,                8,      4096,    0)     \
    X(FUNCTION_SIZE,   FUNCTION,  "size",                  T_UINT,    layout.function_size,            8,      4096,    0)     \
    X(RANGE_SIZE,      RANGE,     "size",                  T_UINT,    layout.range_size,               8,      4096,    0)     \
    X(RANGE_ITER_SIZE, RANGE,     "iter_size",             T_UINT,    layout.range_iter_size,          8,      4096,    0)     \
    X(ITER_SIZE,       ITER,      "size",                  T_UINT,    layout.iter_size,                8,      4096,    0)     \
    X(RC_RULE,         REFCOUNT,  "rule",                  T_RCRULE,  layout.refcount_rule,            0,      0,       0)     \
    X(STATIC_REFCNT,   REFCOUNT,  "static_refcnt",         T_U64,     layout.static_refcnt,            1,      INT64_MAX, 0)   \
    X(INTERNED_IMMORTAL, REFCOUNT, "interned_immortal",    T_BOOL,    layout.interned_immortal,        0,      0,       0)     \
    X(SCRIPT_AST_REFS, REFCOUNT,  "script_ast_refs",       T_BOOL,    layout.script_ast_refs,          0,      0,       0)     \
    X(ALIGNMENT,       ALLOCATOR, "alignment",             T_UINT,    layout.alignment,                4,      64,      0)     \
    X(SMALL_THRESHOLD, ALLOCATOR, "small_threshold",       T_UINT,    layout.small_threshold,          8,      512,     0)     \
    X(POOL_SIZE,       ALLOCATOR, "pool_size",             T_UINT,    layout.pool_size,                1024,   16 * MiB, 0)    \
    X(ARENA_SIZE,      ALLOCATOR, "arena_size",            T_UINT,    layout.arena_size,               4096,   256 * MiB, 0)   \
    X(POOL_HEADER,     ALLOCATOR, "pool_header",           T_UINT,    layout.pool_header,              8,      1024,    0)     \
    X(RECURSION_LIMIT, VM,        "recursion_limit",       T_UINT,    recursion_limit,                 1,      100000,  0)

typedef enum {
#define FIELD_ENUM(id, sec, key, type, member, min, max, pair) F_##id,
    FIELDS(FIELD_ENUM)
#undef FIELD_ENUM
    F__COUNT
} FieldId;

typedef struct {
    Section sec;
    const char *key;
    FieldType type;
    size_t offset;              /* into Profile */
    int64_t min;
    uint64_t max;
    bool pair;
} Field;

static const Field fields[F__COUNT] = {
#define FIELD_ROW(id, sec, key, type, member, min, max, pair) \
    [F_##id] = { S_##sec, key, type, offsetof(Profile, member), min, max, pair },
    FIELDS(FIELD_ROW)
#undef FIELD_ROW
};

static const char *const endian_words[] = { "little", "big", NULL };
static const char *const intenc_words[] = { "signed", "lv_tag", NULL };
static const char *const rcrule_words[] = { "static_counting", "immortal", NULL };

/* ------------------------------------------------------------------ */
/* Messages                                                            */
/* ------------------------------------------------------------------ */

typedef struct {
    const char *path;           /* as shown in messages */
    char *err;
    size_t errcap;
    yaml_document_t *doc;
    Profile *out;
    yaml_mark_t root_mark;
    bool seen[F__COUNT];
    yaml_mark_t mark[F__COUNT]; /* where each value starts */
    bool sec_seen[S__COUNT];
    yaml_mark_t sec_mark[S__COUNT];
} Loader;

static int errorf(char *err, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes a message into err[0..cap) (if there is room) and returns -1. */
static int errorf(char *err, size_t cap, const char *fmt, ...)
{
    if (err && cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, cap, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int fail_at(Loader *ld, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "path:line:col: error: <message>" at libyaml mark 'm'; returns -1. */
static int fail_at(Loader *ld, yaml_mark_t m, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return errorf(ld->err, ld->errcap, "%s:%zu:%zu: error: %s",
                  ld->path, m.line + 1, m.column + 1, msg);
}

/* Full key name for messages: "list.slot", or "description" at top level. */
static const char *field_name(FieldId id, char *buf, size_t cap)
{
    const Field *f = &fields[id];
    if (f->sec == S_TOP) snprintf(buf, cap, "%s", f->key);
    else snprintf(buf, cap, "%s.%s", section_names[f->sec], f->key);
    return buf;
}

static int bad(Loader *ld, FieldId id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "'<key>' <message>" at the position of key 'id''s value. */
static int bad(Loader *ld, FieldId id, const char *fmt, ...)
{
    char name[64], msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return fail_at(ld, ld->mark[id], "'%s' %s", field_name(id, name, sizeof name), msg);
}

/*
** Printable copy of a scalar for a message: at most 40 bytes (cut at a
** UTF-8 boundary, then "..."), control bytes shown as '?'. Valid UTF-8 is
** guaranteed by libyaml's reader.
*/
static const char *printable(const yaml_node_t *n, char *buf, size_t cap)
{
    const unsigned char *s = n->data.scalar.value;
    size_t len = n->data.scalar.length, lim = 40, o = 0;
    bool cut = len > lim;
    if (cut) {
        while (lim > 0 && (s[lim] & 0xC0) == 0x80) lim--;
        len = lim;
    }
    for (size_t i = 0; i < len && o + 4 < cap; i++)
        buf[o++] = (s[i] < 0x20 || s[i] == 0x7F) ? '?' : (char)s[i];
    if (cut && o + 4 < cap) { memcpy(buf + o, "...", 3); o += 3; }
    buf[o] = '\0';
    return buf;
}

/* How a value appears after "got": 'eight', the string "8", a mapping... */
static const char *describe(const yaml_node_t *n, char *buf, size_t cap)
{
    char text[64];
    if (n->type == YAML_MAPPING_NODE) return "a mapping";
    if (n->type == YAML_SEQUENCE_NODE) return "a sequence";
    bool plain = n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (plain && n->data.scalar.length == 0) return "nothing";
    printable(n, text, sizeof text);
    snprintf(buf, cap, plain ? "'%s'" : "the string \"%s\"", text);
    return buf;
}

static bool scalar_is(const yaml_node_t *n, const char *s)
{
    size_t k = strlen(s);
    return n->type == YAML_SCALAR_NODE && n->data.scalar.length == k
        && memcmp(n->data.scalar.value, s, k) == 0;
}

static bool same_scalar(const yaml_node_t *a, const yaml_node_t *b)
{
    return a->type == YAML_SCALAR_NODE && b->type == YAML_SCALAR_NODE
        && a->data.scalar.length == b->data.scalar.length
        && memcmp(a->data.scalar.value, b->data.scalar.value, a->data.scalar.length) == 0;
}

/* Levenshtein distance, capped: anything above 3 is reported as 4. */
static unsigned distance(const char *a, size_t na, const char *b)
{
    size_t nb = strlen(b);
    unsigned row[65], prev_diag;
    if (na > 64 || nb > 64) return 4;
    for (size_t j = 0; j <= nb; j++) row[j] = (unsigned)j;
    for (size_t i = 1; i <= na; i++) {
        prev_diag = row[0];
        row[0] = (unsigned)i;
        for (size_t j = 1; j <= nb; j++) {
            unsigned up = row[j], best = prev_diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            prev_diag = up;
            row[j] = best;
        }
    }
    return row[nb] > 3 ? 4 : row[nb];
}

/* "unknown key 'list.slott' (did you mean 'list.slot'?)" at the key. */
static int unknown_key(Loader *ld, Section sec, const yaml_node_t *k)
{
    const char *s = (const char *)k->data.scalar.value;
    size_t n = k->data.scalar.length;
    const char *best = NULL;
    unsigned best_d = n <= 3 ? 2 : 3;   /* suggest only near misses: d < best_d */
    char text[64], hint[96] = "";
    for (int i = 0; i < F__COUNT; i++)
        if (fields[i].sec == sec) {
            unsigned d = distance(s, n, fields[i].key);
            if (d < best_d) { best_d = d; best = fields[i].key; }
        }
    if (sec == S_TOP)
        for (int i = 1; i < S__COUNT; i++) {
            unsigned d = distance(s, n, section_names[i]);
            if (d < best_d) { best_d = d; best = section_names[i]; }
        }
    if (best)
        snprintf(hint, sizeof hint, " (did you mean '%s%s%s'?)",
                 section_names[sec], sec == S_TOP ? "" : ".", best);
    printable(k, text, sizeof text);
    return fail_at(ld, k->start_mark, "unknown key '%s%s%s'%s", section_names[sec],
                   sec == S_TOP ? "" : ".", text, hint);
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

/*
** Reads a plain scalar as [-]decimal or [-]0xhex into sign + magnitude.
** Returns 0, -1 if it is not an integer, -2 if it does not fit 64 bits.
** The characters are checked before strtoull, which would otherwise
** accept blanks, '+' and a '-' that it silently negates.
*/
static int parse_integer(const yaml_node_t *n, bool *neg, uint64_t *mag)
{
    const char *s = (const char *)n->data.scalar.value;
    size_t len = n->data.scalar.length, i = 0;
    int base = 10;
    if (n->type != YAML_SCALAR_NODE || n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return -1;
    *neg = false;
    if (i < len && s[i] == '-') { *neg = true; i++; }
    if (len - i > 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        base = 16;
        i += 2;
    }
    if (i == len) return -1;
    for (size_t j = i; j < len; j++) {
        char c = s[j];
        bool ok = (c >= '0' && c <= '9')
            || (base == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
        if (!ok) return -1;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s + i, &end, base);
    if (errno == ERANGE) return -2;
    if (end != s + len) return -1;
    *mag = v;
    return 0;
}

static int set_integer(Loader *ld, FieldId id, const yaml_node_t *v, void *at)
{
    const Field *f = &fields[id];
    bool neg = false;
    uint64_t mag = 0;
    char buf[80], num[64];
    int r = parse_integer(v, &neg, &mag);
    if (r == -1) return bad(ld, id, "must be an integer, got %s", describe(v, buf, sizeof buf));
    if (neg && mag == 0) neg = false;   /* "-0" */
    bool ok;
    if (r == -2) ok = false;
    else if (neg) ok = f->min < 0 && mag <= (uint64_t)(-(f->min + 1)) + 1;
    else ok = mag <= f->max && (f->min <= 0 || mag >= (uint64_t)f->min);
    if (ok && f->pair) ok = !neg && (mag == (uint64_t)f->min || mag == f->max);
    if (!ok) {
        printable(v, num, sizeof num);
        if (f->pair)
            return bad(ld, id, "must be %lld or %llu, got %s",
                       (long long)f->min, (unsigned long long)f->max, num);
        if (neg && f->min >= 0) return bad(ld, id, "must not be negative, got %s", num);
        if (f->sec == S_RAM)
            return bad(ld, id, "must be between 0x%llx and 0x%llx, got %s",
                       (unsigned long long)f->min, (unsigned long long)f->max, num);
        return bad(ld, id, "must be between %lld and %llu, got %s",
                   (long long)f->min, (unsigned long long)f->max, num);
    }
    switch (f->type) {
    case T_UINT: *(unsigned *)at = (unsigned)mag; break;
    case T_U64: *(uint64_t *)at = mag; break;
    case T_INT: *(int *)at = neg ? -(int)mag : (int)mag; break;  /* |min| <= 1024 */
    default: break;
    }
    return 0;
}

/* A word from 'words' (NULL-terminated); returns its index, or -1 after
** reporting "must be a or b". */
static int pick_word(Loader *ld, FieldId id, const yaml_node_t *v, const char *const *words)
{
    char buf[80], alts[96] = "";
    size_t n = 0;
    for (int i = 0; words[i]; i++) {
        if (v->type == YAML_SCALAR_NODE && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
            && scalar_is(v, words[i]))
            return i;
        n++;
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(alts);
        snprintf(alts + len, sizeof alts - len, "%s%s",
                 i == 0 ? "" : i + 1 == n ? " or " : ", ", words[i]);
    }
    bad(ld, id, "must be %s, got %s", alts, describe(v, buf, sizeof buf));
    return -1;
}

static int set_text(Loader *ld, FieldId id, const yaml_node_t *v, char *at)
{
    const Field *f = &fields[id];
    char buf[80];
    if (v->type != YAML_SCALAR_NODE)
        return bad(ld, id, "must be a string, got %s", describe(v, buf, sizeof buf));
    const unsigned char *s = v->data.scalar.value;
    size_t len = v->data.scalar.length;
    if (f->type == T_VERSION) {
        /* digits '.' digits */
        size_t i = 0, a = 0, b = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9') { i++; a++; }
        bool dot = i < len && s[i] == '.';
        if (dot) i++;
        while (i < len && s[i] >= '0' && s[i] <= '9') { i++; b++; }
        if (!dot || a == 0 || b == 0 || i != len || len > f->max)
            return bad(ld, id, "must be a version such as 3.12, got %s",
                       describe(v, buf, sizeof buf));
    } else {
        if (len < (uint64_t)f->min) return bad(ld, id, "must not be empty");
        if (len > f->max)
            return bad(ld, id, "must be at most %llu bytes long, got %zu",
                       (unsigned long long)f->max, len);
        for (size_t i = 0; i < len; i++)
            if (s[i] < 0x20 || s[i] == 0x7F)
                return bad(ld, id, "must be one line of printable text");
    }
    memcpy(at, s, len);
    at[len] = '\0';
    return 0;
}

/* Reads value 'v' of key 'id' into the profile being built. */
static int set_field(Loader *ld, FieldId id, const yaml_node_t *v)
{
    const Field *f = &fields[id];
    void *at = (char *)ld->out + f->offset;
    char buf[80];
    int w;
    ld->seen[id] = true;
    ld->mark[id] = v->start_mark;
    switch (f->type) {
    case T_UINT: case T_INT: case T_U64:
        return set_integer(ld, id, v, at);
    case T_TEXT: case T_VERSION:
        return set_text(ld, id, v, at);
    case T_BOOL:
        if (v->type == YAML_SCALAR_NODE && v->data.scalar.style == YAML_PLAIN_SCALAR_STYLE) {
            if (scalar_is(v, "true") || scalar_is(v, "True") || scalar_is(v, "TRUE")) {
                *(bool *)at = true;
                return 0;
            }
            if (scalar_is(v, "false") || scalar_is(v, "False") || scalar_is(v, "FALSE")) {
                *(bool *)at = false;
                return 0;
            }
        }
        return bad(ld, id, "must be true or false, got %s", describe(v, buf, sizeof buf));
    case T_ENDIAN:
        if ((w = pick_word(ld, id, v, endian_words)) < 0) return -1;
        *(bool *)at = w == 1;
        return 0;
    case T_INTENC:
        if ((w = pick_word(ld, id, v, intenc_words)) < 0) return -1;
        *(IntSizeEncoding *)at = w ? INT_SIZE_LV_TAG : INT_SIZE_SIGNED;
        return 0;
    case T_RCRULE:
        if ((w = pick_word(ld, id, v, rcrule_words)) < 0) return -1;
        *(RefcountRule *)at = w ? RC_IMMORTAL : RC_STATIC_COUNTING;
        return 0;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Walking the document                                                */
/* ------------------------------------------------------------------ */

static int find_field(Section sec, const yaml_node_t *k)
{
    for (int i = 0; i < F__COUNT; i++)
        if (fields[i].sec == sec && scalar_is(k, fields[i].key)) return i;
    return -1;
}

static int find_section(const yaml_node_t *k)
{
    for (int i = 1; i < S__COUNT; i++)
        if (scalar_is(k, section_names[i])) return i;
    return -1;
}

/*
** Walks mapping 'map' of section 'sec' (the root is S_TOP), in document
** order, so the first bad key in the file is the one reported.
*/
static int walk_map(Loader *ld, const yaml_node_t *map, Section sec)
{
    const yaml_node_pair_t *start = map->data.mapping.pairs.start;
    const yaml_node_pair_t *top = map->data.mapping.pairs.top;
    char buf[80], name[160];
    for (const yaml_node_pair_t *p = start; p < top; p++) {
        const yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
        const yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
        if (k->type != YAML_SCALAR_NODE)
            return fail_at(ld, k->start_mark, "a key must be a name, got %s",
                           describe(k, buf, sizeof buf));
        snprintf(name, sizeof name, "%s%s%s", section_names[sec], sec == S_TOP ? "" : ".",
                 printable(k, buf, sizeof buf));
        for (const yaml_node_pair_t *q = start; q < p; q++) {
            const yaml_node_t *k0 = yaml_document_get_node(ld->doc, q->key);
            if (same_scalar(k, k0))
                return fail_at(ld, k->start_mark, "duplicate key '%s' (first at line %zu)",
                               name, k0->start_mark.line + 1);
        }
        int s = sec == S_TOP ? find_section(k) : -1;
        if (s > 0) {
            if (v->type != YAML_MAPPING_NODE)
                return fail_at(ld, v->start_mark, "'%s' must be a mapping of keys, got %s",
                               name, describe(v, buf, sizeof buf));
            ld->sec_seen[s] = true;
            ld->sec_mark[s] = v->start_mark;
            if (walk_map(ld, v, (Section)s) < 0) return -1;
            continue;
        }
        int id = find_field(sec, k);
        if (id < 0) return unknown_key(ld, sec, k);
        if (set_field(ld, (FieldId)id, v) < 0) return -1;
    }
    return 0;
}

/* The first key of the table that the file lacks, at its mapping. One key
** may be left out: range.iter_size, added after profiles were written, is
** then CPython's for the profile's python_version (3.12 dropped the index). */
static int check_missing(Loader *ld)
{
    char name[64];
    if (!ld->seen[F_RANGE_ITER_SIZE]) {
        unsigned major = 0, minor = 0;
        sscanf(ld->out->python_version, "%u.%u", &major, &minor);
        ld->out->layout.range_iter_size = (major > 3 || (major == 3 && minor >= 12) ? 5 : 6) * ld->out->layout.word;
    }
    for (int i = 0; i < F__COUNT; i++) {
        if (ld->seen[i] || i == F_RANGE_ITER_SIZE) continue;
        Section s = fields[i].sec;
        if (s != S_TOP && !ld->sec_seen[s])
            return fail_at(ld, ld->root_mark, "missing key '%s'", section_names[s]);
        return fail_at(ld, s == S_TOP ? ld->root_mark : ld->sec_mark[s], "missing key '%s'",
                       field_name((FieldId)i, name, sizeof name));
    }
    return 0;
}

static bool pow2(uint64_t x) { return x && !(x & (x - 1)); }

/*
** Checks between keys, once every key is known. Each is reported at the
** key that the message names; the order follows the file's sections.
** Lower bounds are the C structs' fixed parts (fact sheet sections 1-9):
** an object header is 2 words, a var header 3, GC types add 'gc.header'.
*/
static int check_layout(Loader *ld)
{
    const Layout *L = &ld->out->layout;
    const unsigned w = L->word, gc = L->gc_header;

    /* ram: [code][static][stack][arenas...], arenas arena-aligned */
    uint64_t segs[3] = { L->code_size, L->static_size, L->stack_size };
    FieldId seg_ids[3] = { F_CODE_SIZE, F_STATIC_SIZE, F_STACK_SIZE };
    for (int i = 0; i < 3; i++)
        if (segs[i] % PAGE)
            return bad(ld, seg_ids[i], "must be a multiple of 0x%x (a page), got 0x%llx",
                       PAGE, (unsigned long long)segs[i]);
    if (L->ram_base % L->arena_size)
        return bad(ld, F_RAM_BASE,
                   "must be a multiple of 'allocator.arena_size' (0x%x), got 0x%llx",
                   L->arena_size, (unsigned long long)L->ram_base);
    if (L->ram_size % PAGE)
        return bad(ld, F_RAM_SIZE, "must be a multiple of 0x%x (a page), got 0x%llx",
                   PAGE, (unsigned long long)L->ram_size);
    uint64_t fixed = L->code_size + L->static_size + L->stack_size;
    uint64_t need = (fixed + L->arena_size - 1) / L->arena_size * L->arena_size + L->arena_size;
    if (L->ram_size < need)
        return bad(ld, F_RAM_SIZE,
                   "must be at least 0x%llx (code + static + stack rounded up to an arena, "
                   "plus one arena), got 0x%llx",
                   (unsigned long long)need, (unsigned long long)L->ram_size);
    uint64_t space_top = w == 4 ? (1ull << 32) : UINT64_MAX;   /* last address + 1 */
    if (L->ram_base > space_top - L->ram_size)
        return bad(ld, F_RAM_SIZE,
                   "puts the end of RAM (0x%llx + 0x%llx) beyond the %u-bit address space",
                   (unsigned long long)L->ram_base, (unsigned long long)L->ram_size, 8 * w);

    if (gc % w || gc < w || gc > 4 * w)
        return bad(ld, F_GC_HEADER,
                   "must be a multiple of 'machine.word' from %u to %u, got %u",
                   w, 4 * w, gc);

    /* int */
    unsigned want_bytes = L->digit_bits == 30 ? 4 : 2;
    if (L->digit_bytes != want_bytes)
        return bad(ld, F_DIGIT_BYTES, "must be %u when 'int.digit_bits' is %u, got %u",
                   want_bytes, L->digit_bits, L->digit_bytes);
    unsigned one_digit = 3 * w + L->digit_bytes;
    if (L->small_int_stride < one_digit || L->small_int_stride % w)
        return bad(ld, F_SMALL_STRIDE,
                   "must be a multiple of 'machine.word' and at least %u (an int of one "
                   "digit), got %u", one_digit, L->small_int_stride);
    uint64_t cache = (uint64_t)(L->small_int_max - L->small_int_min + 1) * L->small_int_stride;
    if (cache > L->static_size / 2)
        return bad(ld, F_SMALL_MAX,
                   "makes a small-int cache of %llu bytes; it must fit in half of "
                   "'ram.static_size' (0x%llx)",
                   (unsigned long long)cache, (unsigned long long)L->static_size);
    if (L->max_str_digits != 0 && L->max_str_digits < 640)
        return bad(ld, F_MAX_STR_DIGITS, "must be 0 (no limit) or at least 640, got %u",
                   L->max_str_digits);

    /* fixed-size objects: at least their C struct's fixed part */
    struct { FieldId id; unsigned min; const char *what; } floors[] = {
        { F_NONE_SIZE, 2 * w, "an object header" },
        { F_BOOL_SIZE, one_digit, "an int of one digit" },
        { F_FLOAT_SIZE, 2 * w + 8, "an object header and a double" },
        { F_STR_ASCII, 4 * w + 4, "header, length, hash and state" },
        { F_STR_COMPACT, L->str_ascii_header + 2 * w,
          "'str.ascii_header' plus utf8_length and utf8" },
        { F_TUPLE_BASE, 3 * w + gc, "a var header and 'gc.header'" },
        { F_LIST_BASE, 5 * w + gc, "a var header, ob_item, allocated and 'gc.header'" },
        { F_DICT_EMPTY, 2 * w + gc, "an object header and 'gc.header'" },
        { F_DICT_KEYS, 3 * w, "three words" },
        { F_DICT_ENTRY_STR, 2 * w, "a key and a value" },
        { F_DICT_ENTRY_GEN, 3 * w, "a hash, a key and a value" },
        { F_SET_EMPTY, 2 * w + gc, "an object header and 'gc.header'" },
        { F_FUNCTION_SIZE, 2 * w + gc, "an object header and 'gc.header'" },
        { F_RANGE_SIZE, 2 * w, "an object header" },
        { F_ITER_SIZE, 2 * w + gc, "an object header and 'gc.header'" },
    };
    for (size_t i = 0; i < sizeof floors / sizeof floors[0]; i++) {
        unsigned v = *(const unsigned *)((const char *)ld->out + fields[floors[i].id].offset);
        if (v < floors[i].min)
            return bad(ld, floors[i].id, "must be at least %u (%s), got %u",
                       floors[i].min, floors[i].what, v);
    }
    FieldId ptr_ids[2] = { F_TUPLE_ITEM, F_LIST_SLOT };
    for (int i = 0; i < 2; i++) {
        unsigned v = *(const unsigned *)((const char *)ld->out + fields[ptr_ids[i]].offset);
        if (v % w)
            return bad(ld, ptr_ids[i], "must be a multiple of 'machine.word' (%u), got %u", w, v);
    }
    if (L->range_iter_size != 5 * w && L->range_iter_size != 6 * w)
        return bad(ld, F_RANGE_ITER_SIZE, "must be 5 words (3.12: a header, start, step, len) "
                   "or 6 (3.11: and an index), got %u", L->range_iter_size);
    if (!pow2(L->dict_min_slots))
        return bad(ld, F_DICT_MIN_SLOTS, "must be a power of two, got %u", L->dict_min_slots);

    /* refcount */
    uint64_t ssize_max = w == 4 ? 0x7FFFFFFFull : 0x7FFFFFFFFFFFFFFFull;
    if (L->static_refcnt > ssize_max)
        return bad(ld, F_STATIC_REFCNT,
                   "must be at most %llu (Py_ssize_t on a %u-byte word), got %llu",
                   (unsigned long long)ssize_max, w, (unsigned long long)L->static_refcnt);
    if (L->interned_immortal && L->refcount_rule != RC_IMMORTAL)
        return bad(ld, F_INTERNED_IMMORTAL, "can be true only with 'refcount.rule: immortal'");

    /* allocator */
    if (!pow2(L->alignment) || L->alignment < w || L->alignment < L->u64_align)
        return bad(ld, F_ALIGNMENT,
                   "must be a power of two, at least 'machine.word' and "
                   "'machine.u64_align', got %u", L->alignment);
    if (L->small_threshold % L->alignment)
        return bad(ld, F_SMALL_THRESHOLD,
                   "must be a multiple of 'allocator.alignment' (%u), got %u",
                   L->alignment, L->small_threshold);
    if (L->pool_header % L->alignment)
        return bad(ld, F_POOL_HEADER,
                   "must be a multiple of 'allocator.alignment' (%u), got %u",
                   L->alignment, L->pool_header);
    if (!pow2(L->pool_size))
        return bad(ld, F_POOL_SIZE, "must be a power of two, got %u", L->pool_size);
    if (L->pool_size < L->pool_header + L->small_threshold)
        return bad(ld, F_POOL_SIZE,
                   "must hold 'allocator.pool_header' plus one block of "
                   "'allocator.small_threshold' (%u), got %u",
                   L->pool_header + L->small_threshold, L->pool_size);
    if (!pow2(L->arena_size))
        return bad(ld, F_ARENA_SIZE, "must be a power of two, got %u", L->arena_size);
    if (L->pool_size > L->arena_size)
        return bad(ld, F_POOL_SIZE, "must be at most 'allocator.arena_size' (%u), got %u",
                   L->arena_size, L->pool_size);
    return 0;
}

static int walk_document(Loader *ld, yaml_document_t *doc)
{
    yaml_node_t *root = yaml_document_get_root_node(doc);
    yaml_mark_t first = { 0, 0, 0 };
    char buf[80];
    ld->doc = doc;
    if (!root || (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0
                  && root->data.scalar.style == YAML_PLAIN_SCALAR_STYLE))
        return fail_at(ld, first, "profile is empty");
    if (root->type != YAML_MAPPING_NODE)
        return fail_at(ld, root->start_mark, "a profile must be a mapping of keys, got %s",
                       describe(root, buf, sizeof buf));
    ld->root_mark = root->start_mark;
    if (walk_map(ld, root, S_TOP) < 0) return -1;
    if (check_missing(ld) < 0) return -1;
    return check_layout(ld);
}

/* ------------------------------------------------------------------ */
/* libyaml passes                                                      */
/* ------------------------------------------------------------------ */

/* Reports the parser's error: reader errors carry only a byte offset. */
static int parser_error(Loader *ld, const yaml_parser_t *p)
{
    const char *problem = p->problem ? p->problem : "unknown error";
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        return errorf(ld->err, ld->errcap, "%s: error: out of memory while parsing", ld->path);
    case YAML_READER_ERROR:
        if (p->problem_value != -1)
            return errorf(ld->err, ld->errcap, "%s: error: %s (#%X) at byte offset %zu",
                          ld->path, problem, (unsigned)p->problem_value, p->problem_offset);
        return errorf(ld->err, ld->errcap, "%s: error: %s at byte offset %zu",
                      ld->path, problem, p->problem_offset);
    default:
        if (p->context)
            return fail_at(ld, p->problem_mark, "%s (%s at line %zu, column %zu)", problem,
                           p->context, p->context_mark.line + 1, p->context_mark.column + 1);
        return fail_at(ld, p->problem_mark, "%s", problem);
    }
}

/*
** Pass 1, events only: refuses aliases, a second document and more than
** PROFILE_MAX_NODES nodes before the loader builds anything, and reports
** syntax and encoding errors.
*/
static int scan_events(Loader *ld, const unsigned char *buf, size_t len)
{
    yaml_parser_t parser;
    yaml_event_t ev;
    int docs = 0, nodes = 0, rc = 0;
    if (!yaml_parser_initialize(&parser))
        return errorf(ld->err, ld->errcap, "%s: error: out of memory while parsing", ld->path);
    yaml_parser_set_input_string(&parser, buf, len);
    for (;;) {
        if (!yaml_parser_parse(&parser, &ev)) {
            rc = parser_error(ld, &parser);
            break;
        }
        yaml_event_type_t type = ev.type;
        yaml_mark_t m = ev.start_mark;
        yaml_event_delete(&ev);
        if (type == YAML_DOCUMENT_START_EVENT && ++docs > 1)
            rc = fail_at(ld, m, "more than one document (a profile is a single mapping)");
        else if (type == YAML_ALIAS_EVENT)
            rc = fail_at(ld, m, "aliases are not allowed in a profile");
        else if ((type == YAML_SCALAR_EVENT || type == YAML_SEQUENCE_START_EVENT
                  || type == YAML_MAPPING_START_EVENT) && ++nodes > PROFILE_MAX_NODES)
            rc = fail_at(ld, m, "too many nodes (a profile has at most %d)", PROFILE_MAX_NODES);
        if (rc || type == YAML_STREAM_END_EVENT) break;
    }
    yaml_parser_delete(&parser);
    if (rc == 0 && docs == 0) {
        yaml_mark_t first = { 0, 0, 0 };
        rc = fail_at(ld, first, "profile is empty");
    }
    return rc;
}

/* Pass 2: the document API, then the walk. */
static int load_document(Loader *ld, const unsigned char *buf, size_t len)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    int rc;
    if (!yaml_parser_initialize(&parser))
        return errorf(ld->err, ld->errcap, "%s: error: out of memory while parsing", ld->path);
    yaml_parser_set_input_string(&parser, buf, len);
    if (!yaml_parser_load(&parser, &doc)) {
        rc = parser_error(ld, &parser);
        goto out_parser;
    }
    rc = walk_document(ld, &doc);
    yaml_document_delete(&doc);
out_parser:
    yaml_parser_delete(&parser);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

const char *profile_dir(void)
{
    const char *d = getenv("TRACEVM_PROFILES");
    return d && *d ? d : TRACEVM_PROFILE_DIR;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int profile_list(char names[][64], int max)
{
    DIR *dir = opendir(profile_dir());
    char **all = NULL;
    int n = 0, cap = 0;
    if (!dir) return 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || e->d_name[0] == '_' || !ends_with(e->d_name, ".yaml")
            || len - 5 == 0 || len - 5 >= 64)
            continue;
        GROW_ARRAY(all, n, cap);
        all[n++] = xstrndup(e->d_name, len - 5);
    }
    closedir(dir);
    if (n) qsort(all, (size_t)n, sizeof *all, compare_names);
    int kept = 0;
    for (int i = 0; i < n; i++) {
        if (kept < max) {
            memcpy(names[kept], all[i], strlen(all[i]) + 1);
            kept++;
        }
        free(all[i]);
    }
    free(all);
    return kept;
}

/* "cannot open profile 'x': reason", plus the choices for a bad name. */
static int open_error(const char *shown, int errnum, bool is_name, char *err, size_t errcap)
{
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "tracevm: error: cannot open profile '%s': %s", shown, strerror(errnum));
    if (is_name && errnum == ENOENT) {
        char names[32][64];
        int n = profile_list(names, 32);
        if (n == 0) sb_printf(&b, " (no profiles in %s)", profile_dir());
        for (int i = 0; i < n; i++)
            sb_printf(&b, "%s%s", i == 0 ? " (available: " : ", ", names[i]);
        if (n) sb_putc(&b, ')');
    }
    errorf(err, errcap, "%s", b.s);
    sb_free(&b);
    return -1;
}

/* Reads all of 'path' (a regular file of at most PROFILE_MAX_BYTES). */
static int read_all(const char *path, const char *shown, bool is_name,
                    unsigned char **out, size_t *outlen, char *err, size_t errcap)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_NONBLOCK);   /* a FIFO must not block us */
    if (fd < 0) return open_error(shown, errno, is_name, err, errcap);
    int e = fstat(fd, &st) < 0 ? errno
          : S_ISDIR(st.st_mode) ? EISDIR : !S_ISREG(st.st_mode) ? EINVAL : 0;
    if (e) {
        close(fd);
        return open_error(shown, e, is_name, err, errcap);
    }
    unsigned char *buf = xmalloc(PROFILE_MAX_BYTES + 1);
    size_t len = 0;
    for (;;) {
        ssize_t r = read(fd, buf + len, PROFILE_MAX_BYTES + 1 - len);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            e = errno;
            free(buf);
            close(fd);
            return open_error(shown, e, is_name, err, errcap);
        }
        if (r == 0) break;
        len += (size_t)r;
        if (len > PROFILE_MAX_BYTES) {
            free(buf);
            close(fd);
            return errorf(err, errcap, "%s: error: file is larger than %u bytes (1 MiB)",
                          path, PROFILE_MAX_BYTES);
        }
    }
    close(fd);
    *out = buf;
    *outlen = len;
    return 0;
}

int profile_load(const char *name_or_path, Profile *out, char *err, size_t errcap)
{
    bool is_path = strchr(name_or_path, '/') || ends_with(name_or_path, ".yaml");
    StrBuf path;
    sb_init(&path);
    if (is_path) sb_puts(&path, name_or_path);
    else sb_printf(&path, "%s/%s.yaml", profile_dir(), name_or_path);

    unsigned char *buf = NULL;
    size_t len = 0;
    if (read_all(path.s, name_or_path, !is_path, &buf, &len, err, errcap) < 0) {
        sb_free(&path);
        return -1;
    }

    Profile *p = xcalloc(1, sizeof *p);
    Loader *ld = xcalloc(1, sizeof *ld);
    ld->path = path.s;
    ld->err = err;
    ld->errcap = errcap;
    ld->out = p;
    int rc = scan_events(ld, buf, len);
    if (rc == 0) rc = load_document(ld, buf, len);
    if (rc == 0) {
        /* name: the file name without its directory and ".yaml" */
        const char *base = strrchr(path.s, '/');
        base = base ? base + 1 : path.s;
        size_t n = strlen(base);
        if (ends_with(base, ".yaml")) n -= 5;
        if (n >= sizeof p->name) n = sizeof p->name - 1;
        memcpy(p->name, base, n);
        p->name[n] = '\0';
        *out = *p;
    }
    free(ld);
    free(p);
    free(buf);
    sb_free(&path);
    return rc;
}
