/*
** vm/lib_str.c: the methods of str (split, join, strip, replace, find,
** format, ...), with CPython's results and its preallocation rules where
** they show in getsizeof (split's PREALLOC_SIZE).
*/
#define _GNU_SOURCE 1           /* memmem */
#include "vm/builtins.h"
#include "vm/native.h"
#include "heap/obj_str.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vm/ops.h"

/* ---------------- str methods ---------------- */

/* The code points of s, in a new host array (the methods' working copy):
** read straight from the string's data, by its kind. */
static void to_cps(Heap *h, Addr s, uint32_t **out, size_t *n)
{
    size_t len = str_len(h, s);
    uint32_t *cp = xmalloc((len + 1) * sizeof *cp);
    const uint8_t *d = str_data(h, s);
    switch (h->ram.big ? 0 : str_kind(h, s)) {
    case 1: for (size_t i = 0; i < len; i++) cp[i] = d[i]; break;
    case 2: for (size_t i = 0; i < len; i++) { uint16_t c; memcpy(&c, d + 2 * i, 2); cp[i] = c; } break;
    case 4: memcpy(cp, d, len * sizeof *cp); break;
    default: for (size_t i = 0; i < len; i++) cp[i] = str_char(h, s, i); break;
    }
    *out = cp;
    *n = len;
}

static bool need_str(Vm *vm, Addr a, const char *what)
{
    if (obj_type(H(vm), a) == TY_STR) return true;
    vm_raise(vm, EXC_TYPE, "%s, not %s", what, op_type_name(vm, a));
    return false;
}

/* is_space for an ASCII byte: \t \n \v \f \r, 0x1C..0x1F and ' ' */
static inline bool is_space_ascii(uint8_t c) { return c == ' ' || (c >= 9 && c <= 13) || (c >= 0x1C && c <= 0x1F); }

/* str.isspace of one char (split and strip use it): 3.11 and 3.12 have the
** same white space above Latin-1 */
static bool is_space(uint32_t c)
{
    if (c > 0xFF) return op_unicode_class(c, UC_SPACE, true);
    return c < 0x80 ? is_space_ascii((uint8_t)c) : c == 0x85 || c == 0xA0;
}

/* SPLIT_ADD: the first 'pre' pieces fill the preallocated slots. */
static void split_add(Heap *h, Addr l, size_t pre, size_t *count, Addr piece)
{
    if (*count < pre) ram_set_word(&h->ram, list_items(h, l) + *count * h->W, piece);
    else list_append(h, l, piece);
    (*count)++;
}

/*
** A method's view of a str's text: an ASCII string's bytes, read in place
** (RAM does not move while pieces are made), else a host copy of its code
** points. Pieces of either are made as str_from_cps makes them.
*/
typedef struct Text { const uint8_t *b; uint32_t *w; size_t n; } Text;

static void text_of(Heap *h, Addr s, Text *t)
{
    t->n = str_len(h, s);
    t->b = NULL;
    t->w = NULL;
    if (str_is_ascii(h, s)) t->b = str_data(h, s);
    else to_cps(h, s, &t->w, &t->n);
}
static void text_free(Text *t) { free(t->w); t->w = NULL; }
static inline uint32_t text_at(const Text *t, size_t i) { return t->b ? t->b[i] : t->w[i]; }
static Addr text_piece(Heap *h, const Text *t, size_t i, size_t n)
{
    /* ASCII pieces as str_from_utf8 makes them ("" and one char: the
    ** singletons), without scanning bytes known to be ASCII */
    if (t->b) return str_ascii_piece(h, t->b + i, n);
    return str_from_cps(h, t->w + i, n);
}
/* True when 't' occurs in 's' at i (i + t->n <= s->n). */
static bool text_match(const Text *s, size_t i, const Text *t)
{
    if (s->b && t->b) return memcmp(s->b + i, t->b, t->n) == 0;
    size_t k = 0;
    while (k < t->n && text_at(s, i + k) == text_at(t, k)) k++;
    return k == t->n;
}
/* 0x80 in each byte of x (eight ASCII bytes, as a little-endian host
** loads them) that is c, 0 in the others: with bytes below 0x80, v + 0x7F
** sets the top bit of each byte of v that is not 0, and v = x ^ c is 0
** where x is c. */
static inline uint64_t ascii_eq_bytes(uint64_t x, uint8_t c)
{
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t v = x ^ (c * ones);
    return ~((v + 0x7F * ones) | v) & 0x80 * ones;
}

/* How many bytes of ASCII text p[0..n) are c: a step's hits, 0 or 1 a
** byte, summed into the top byte by one multiply (no popcnt instruction
** in the baseline x86-64 this is built for). */
static size_t count_ascii_byte(const uint8_t *p, size_t n, uint8_t c)
{
    size_t i = 0, k = 0;
    for (uint64_t x; i + 8 <= n; i += 8) {
        memcpy(&x, p + i, 8);
        k += (size_t)(((ascii_eq_bytes(x, c) >> 7) * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++) k += p[i] == c;
    return k;
}

/* First index >= from where 't' occurs in 's' (t not empty), or -1. */
static inline int64_t text_find(const Text *s, const Text *t, size_t from)
{
    size_t n = s->n, m = t->n;
    uint32_t t0 = text_at(t, 0);
    if (m == 1 && s->b && t->b) {       /* one ASCII char: memchr is the search */
        if (from >= n) return -1;
        if (n - from < 32) {            /* a short string: a loop, not a call */
            size_t i = from;
            for (uint64_t x, hit; i + 8 <= n; i += 8) {
                memcpy(&x, s->b + i, 8);
                if ((hit = ascii_eq_bytes(x, (uint8_t)t0))) return (int64_t)(i + (size_t)__builtin_ctzll(hit) / 8);
            }
            for (; i < n; i++) if (s->b[i] == t0) return (int64_t)i;
            return -1;
        }
        const uint8_t *p = memchr(s->b + from, (int)t0, n - from);
        return p ? (int64_t)(p - s->b) : -1;
    }
    if (s->b && t->b) {             /* bytes: glibc's memmem (a first-char memchr and a
                                    ** memcmp per candidate was 4x CPython's count) */
        if (from >= n || n - from < m) return -1;
        const uint8_t *p = memmem(s->b + from, n - from, t->b, m);
        return p ? (int64_t)(p - s->b) : -1;
    }
    for (size_t i = from; i + m <= n; i++)
        if (text_at(s, i) == t0 && text_match(s, i, t)) return (int64_t)i;
    return -1;
}

/* A split's piece [i, j) of 'self': the string itself when that is all of
** it, as CPython's split puts str_obj in the list (s.split()[0] is s). */
static Addr whole_or_piece(Heap *h, Addr self, const Text *s, size_t i, size_t j)
{
    if (i == 0 && j == s->n) { heap_incref(h, self); return self; }
    return text_piece(h, s, i, j - i);
}

static Addr m_str_split(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    unsigned np = npos(vm, n, kw);
    Addr sep = np > 0 ? args[0] : nat_kwarg(vm, args, n, kw, "sep");
    Addr ms = np > 1 ? args[1] : nat_kwarg(vm, args, n, kw, "maxsplit");
    int64_t maxsplit = -1;
    if (ms && !op_index(vm, ms, &maxsplit)) return 0;
    if (sep == h->none) sep = 0;
    size_t len = str_len(h, self), seplen = 0;
    if (sep) {                          /* checked before any list is made, as CPython does */
        if (!need_str(vm, sep, "must be str or None")) return 0;
        if (!(seplen = str_len(h, sep))) return vm_raise(vm, EXC_VALUE, "empty separator");
        if (len < seplen || str_kind(h, self) < str_kind(h, sep)) {   /* cannot occur: [self] */
            Addr l = list_new_filled(h, 1);
            if (!l) return nomem(vm);
            heap_incref(h, self);
            ram_set_word(&h->ram, list_items(h, l), self);
            return l;
        }
    }
    /* CPython preallocates PREALLOC_SIZE(maxcount) = min(maxcount + 1, 12)
    ** slots and sets the size at the end; 3.12 bounds an unlimited split by
    ** the most pieces the text can hold ((len - 1)/2 + 1 on white space,
    ** in C's division, len/len(sep) + 1) */
    int64_t maxcount = maxsplit;
    if (maxcount < 0) {
        if (!vm->py312) maxcount = INT64_MAX;
        else if (!sep) maxcount = ((int64_t)len - 1) / 2 + 1;
        else maxcount = (int64_t)(len / seplen) + 1;
    }
    size_t pre = maxcount >= 12 ? 12 : (size_t)maxcount + 1, count = 0;
    Addr l = list_new_filled(h, pre);   /* the slots no piece fills are NULLed at the end */
    if (!l) return nomem(vm);
    Text s;
    text_of(h, self, &s);
    if (!sep) {
        size_t i = 0;
        int64_t splits = 0;
        while (i < len) {
            if (s.b) while (i < len && is_space_ascii(s.b[i])) i++;
            else while (i < len && is_space(s.w[i])) i++;
            if (i >= len) break;
            if (maxsplit >= 0 && splits >= maxsplit) {  /* the rest, trailing space and all */
                split_add(h, l, pre, &count, text_piece(h, &s, i, len - i));
                break;
            }
            size_t j = i;
            if (s.b) while (j < len && !is_space_ascii(s.b[j])) j++;
            else while (j < len && !is_space(s.w[j])) j++;
            split_add(h, l, pre, &count, whole_or_piece(h, self, &s, i, j));
            splits++;
            i = j;
        }
    } else {
        Text t;
        text_of(h, sep, &t);
        size_t i = 0;
        int64_t splits = 0;
        for (;;) {
            int64_t k = (maxsplit >= 0 && splits >= maxsplit) ? -1 : text_find(&s, &t, i);
            if (k < 0) { split_add(h, l, pre, &count, whole_or_piece(h, self, &s, i, len)); break; }
            split_add(h, l, pre, &count, text_piece(h, &s, i, (size_t)k - i));
            i = (size_t)k + t.n;
            splits++;
        }
        text_free(&t);
    }
    text_free(&s);
    if (count < pre) {
        fill_words(ram_ptr(&h->ram, list_items(h, l) + count * h->W), 0, (pre - count) * h->W);
        ram_set_word(&h->ram, l + 2 * h->W, count);
    }
    return l;
}

static Addr m_str_splitlines(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    int keep = n ? op_truth(vm, args[0]) : 0;
    if (keep < 0) return 0;
    uint32_t *s; size_t len;
    to_cps(h, self, &s, &len);
    Addr l = list_new(h, 0);
    if (!l) { free(s); return nomem(vm); }
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && !(s[j] == '\n' || s[j] == '\r' || s[j] == 0x0B || s[j] == 0x0C || s[j] == 0x1C
                            || s[j] == 0x1D || s[j] == 0x1E || s[j] == 0x85 || s[j] == 0x2028 || s[j] == 0x2029)) j++;
        size_t eol = j;
        if (j < len) j += (s[j] == '\r' && j + 1 < len && s[j + 1] == '\n') ? 2 : 1;
        Addr piece = str_from_cps(h, s + i, keep ? j - i : eol - i);
        if (!piece || list_append(h, l, piece) != 0) { free(s); heap_decref(h, l); return nomem(vm); }
        i = j;
    }
    free(s);
    return l;
}

/* str.join's general case (a part that is not ASCII, or not a str):
** the parts' types first (TypeError), then the result's size (more than
** the simulated heap is a MemoryError), then the text through UTF-8. */
static Addr join_general(Vm *vm, Addr sep, const Addr *parts, size_t len)
{
    Heap *h = H(vm);
    uint64_t total = len > 1 ? (uint64_t)(len - 1) * str_len(h, sep) * 4 : 0;
    for (size_t i = 0; i < len; i++) {
        if (obj_type(h, parts[i]) != TY_STR)
            return vm_raise(vm, EXC_TYPE, "sequence item %zu: expected str instance, %s found", i, op_type_name(vm, parts[i]));
        total += (uint64_t)str_len(h, parts[i]) * str_kind(h, parts[i]);
    }
    if (total > h->ram.heap_end - h->ram.heap) return nomem(vm);
    /* code points, not UTF-8: a lone surrogate must come through; the
    ** result is new even of one char, as _PyUnicode_JoinArray makes it */
    size_t nsep = str_len(h, sep), nch = len > 1 ? (len - 1) * nsep : 0;
    for (size_t i = 0; i < len; i++) nch += str_len(h, parts[i]);
    uint32_t *cp = xmalloc((nch + 1) * sizeof *cp), *p = cp;
    for (size_t i = 0; i < len; i++) {
        if (i) for (size_t k = 0; k < nsep; k++) *p++ = str_char(h, sep, k);
        for (size_t k = 0, m = str_len(h, parts[i]); k < m; k++) *p++ = str_char(h, parts[i], k);
    }
    Addr r = chk(vm, str_from_cps_fresh(h, cp, nch));
    free(cp);
    return r;
}

static Addr m_str_join(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    /* PySequence_Fast: a list or tuple is joined in place, anything else
    ** is made a list first */
    TypeId st = obj_type(h, args[0]);
    bool tuple = st == TY_TUPLE;
    Addr l = args[0];
    if (tuple || st == TY_LIST) heap_incref(h, l);
    else if (!(l = nat_list_from(vm, args[0]))) return 0;
    size_t len = tuple ? tuple_len(h, l) : list_len(h, l);
    Addr small[64], *parts = len <= 64 ? small : xmalloc(len * sizeof *parts);
    for (size_t i = 0; i < len; i++) parts[i] = seq_get(h, l, tuple, i);
    /* one str is the result itself; ASCII parts are copied in RAM */
    bool done = len == 1 && obj_type(h, parts[0]) == TY_STR;
    Addr r = 0;
    if (done) {
        r = parts[0];
        heap_incref(h, r);
    } else {
        r = str_join_ascii(h, self, parts, len, &done);
        if (done && !r) r = nomem(vm);
    }
    if (!done) r = join_general(vm, self, parts, len);
    if (parts != small) free(parts);
    heap_decref(h, l);
    return r;
}

/* True when strip() takes char c: one of 'chars', or whitespace when NULL. */
static bool strippable(uint32_t c, const Text *chars)
{
    if (!chars) return is_space(c);
    if (chars->b) return c < 0x80 && memchr(chars->b, (int)c, chars->n) != NULL;
    for (size_t k = 0; k < chars->n; k++) if (chars->w[k] == c) return true;
    return false;
}

static Addr strip_impl(Vm *vm, Addr self, Addr *args, unsigned n, int which)
{
    Heap *h = H(vm);
    Text s, chars = { 0 };
    bool given = n && args[0] != h->none;
    if (!given && str_is_ascii(h, self)) {      /* white space off ASCII text: its bytes, in place */
        const uint8_t *b = str_data(h, self);
        size_t i = 0, len = str_len(h, self), j = len;
        if (which & 1) while (i < j && is_space_ascii(b[i])) i++;
        if (which & 2) while (j > i && is_space_ascii(b[j - 1])) j--;
        if (i == 0 && j == len) { heap_incref(h, self); return self; }
        return chk(vm, str_ascii_piece(h, b + i, j - i));
    }
    if (given && !need_str(vm, args[0], "strip arg must be None or str")) return 0;
    text_of(h, self, &s);
    if (given) text_of(h, args[0], &chars);
    const Text *set = given ? &chars : NULL;
    size_t i = 0, j = s.n;
    if (which & 1) while (i < j && strippable(text_at(&s, i), set)) i++;
    if (which & 2) while (j > i && strippable(text_at(&s, j - 1), set)) j--;
    Addr r;
    if (i == 0 && j == s.n) { heap_incref(h, self); r = self; }
    else r = chk(vm, text_piece(h, &s, i, j - i));
    text_free(&s); text_free(&chars);
    return r;
}

static Addr m_str_strip(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return strip_impl(vm, self, args, n, 3); }
static Addr m_str_lstrip(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return strip_impl(vm, self, args, n, 1); }
static Addr m_str_rstrip(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return strip_impl(vm, self, args, n, 2); }

static Addr case_impl(Vm *vm, Addr self, bool upper)
{
    Heap *h = H(vm);
    size_t len = str_len(h, self);
    if (len && str_is_ascii(h, self)) {     /* ASCII: byte to byte, into the new string */
        uint8_t *d;
        Addr r = str_new_ascii_buf(h, len, &d);
        if (!r) return nomem(vm);
        const uint8_t *c = str_data(h, self);
        /* eight bytes at a time, without a branch per char (which letters,
        ** digits and spaces mixed made mispredict): bytes are below 0x80,
        ** so adding 0x80 - lo (or 0x80 - hi - 1) to each byte sets its top
        ** bit when it is >= lo (> hi), and no byte carries into the next */
        uint8_t lo = upper ? 'a' : 'A', hi = upper ? 'z' : 'Z';
        const uint64_t ones = 0x0101010101010101ull;
        uint64_t ge = ones * (uint8_t)(0x80 - lo), gt = ones * (uint8_t)(0x80 - hi - 1);
        size_t i = 0;
        for (; i + 8 <= len; i += 8) {
            uint64_t w;
            memcpy(&w, c + i, 8);
            uint64_t letters = (w + ge) & ~(w + gt) & ones * 0x80;
            w ^= letters >> 2;
            memcpy(d + i, &w, 8);
        }
        for (; i < len; i++) d[i] = (uint8_t)(c[i] ^ (((unsigned)(c[i] - lo) < 26u) << 5));
        return r;
    }
    uint32_t *s;
    to_cps(h, self, &s, &len);
    bool changed = false;
    for (size_t i = 0; i < len; i++) {
        uint32_t c = s[i], d = c;
        if (upper) { if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) d = c - 32; }
        else { if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) d = c + 32; }
        if (d != c) { s[i] = d; changed = true; }
    }
    Addr r = chk(vm, str_from_cps_fresh(h, s, len));
    (void)changed;
    free(s);
    return r;
}

static Addr m_str_upper(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return case_impl(vm, self, true); }
static Addr m_str_lower(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return case_impl(vm, self, false); }

/* A growing output text: bytes while everything appended is ASCII text,
** else code points. */
typedef struct Out { bool bytes; uint8_t *b; uint32_t *w; size_t n, cap; } Out;

static void out_add(Out *o, const Text *t, size_t i, size_t n)
{
    if (n == 0) return;
    if (o->n + n > o->cap) {
        o->cap = (o->n + n) * 2 + 16;
        if (o->bytes) o->b = xrealloc(o->b, o->cap);
        else o->w = xrealloc(o->w, o->cap * sizeof *o->w);
    }
    if (o->bytes) memcpy(o->b + o->n, t->b + i, n);
    else for (size_t k = 0; k < n; k++) o->w[o->n + k] = text_at(t, i + k);
    o->n += n;
}

/* Every byte c1 of ASCII text p[0..n) made c2, eight bytes a step. */
static void swap_ascii_bytes(uint8_t *p, size_t n, uint8_t c1, uint8_t c2)
{
    const uint64_t diff = (uint64_t)(c1 ^ c2) * 0x0101010101010101ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x, hit;
        memcpy(&x, p + i, 8);
        if ((hit = ascii_eq_bytes(x, c1))) {
            x ^= (hit >> 7) * 0xFF & diff;
            memcpy(p + i, &x, 8);
        }
    }
    for (; i < n; i++) if (p[i] == c1) p[i] = c2;
}

/*
** replace() when all three are ASCII and 'a' is not empty. One char for
** one char: a copy of the text with the matching bytes swapped, as
** CPython's replace_1char_inplace. Else: counts the matches, then writes
** the result straight into the new string, as CPython's replace() sizes
** its result before filling it.
*/
static Addr replace_ascii(Vm *vm, Addr self, const Text *s, const Text *a, const Text *b, int64_t count)
{
    Heap *h = H(vm);
    if (a->n == 1 && b->n == 1) {       /* one char for another: a copy changed in place */
        uint8_t c1 = a->b[0], c2 = b->b[0], *out;
        const uint8_t *f = s->n ? memchr(s->b, c1, s->n) : NULL;
        if (!f || count == 0) { heap_incref(h, self); return self; }
        Addr r = str_new_ascii_buf(h, s->n, &out);      /* a new string even of one char */
        if (!r) return nomem(vm);
        memcpy(out, s->b, s->n);
        size_t i = (size_t)(f - s->b);
        if (count < 0) swap_ascii_bytes(out + i, s->n - i, c1, c2);
        else for (uint8_t *p = out; i < s->n && count; i++) if (p[i] == c1) { p[i] = c2; count--; }
        return r;
    }
    size_t done = 0;
    if (a->n == 1 && count < 0) {       /* every match of one char: counted in one pass */
        done = count_ascii_byte(s->b, s->n, a->b[0]);
    } else {
        for (size_t i = 0; count < 0 || (int64_t)done < count; done++) {
            int64_t f = text_find(s, a, i);
            if (f < 0) break;
            i = (size_t)f + a->n;
        }
    }
    if (done == 0) { heap_incref(h, self); return self; }
    size_t n = s->n - done * a->n + done * b->n;
    if (n == 0) return chk(vm, str_from_utf8(h, "", 0));
    uint8_t *out;
    Addr r = str_new_ascii_buf(h, n, &out);       /* a new string even of one char */
    if (!r) return nomem(vm);
    size_t i = 0, k = 0;
    for (size_t d = 0; d < done; d++) {
        size_t f = (size_t)text_find(s, a, i);
        copy_short(out + k, s->b + i, f - i); k += f - i;
        copy_short(out + k, b->b, b->n); k += b->n;
        i = f + a->n;
    }
    copy_short(out + k, s->b + i, s->n - i);
    return r;
}

static Addr m_str_replace(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    if (!need_str(vm, args[0], "replace() argument 1 must be str") || !need_str(vm, args[1], "replace() argument 2 must be str")) return 0;
    int64_t count = -1;
    if (n > 2 && !op_index(vm, args[2], &count)) return 0;
    if (args[0] == args[1]) { heap_incref(h, self); return self; }    /* CPython: str1 == str2, nothing to do */
    Text s, a, b;
    text_of(h, self, &s); text_of(h, args[0], &a); text_of(h, args[1], &b);
    if (s.b && a.b && b.b && a.n) return replace_ascii(vm, self, &s, &a, &b, count);
    Out o = { s.b && b.b, NULL, NULL, 0, 0 };
    size_t i = 0;
    int64_t done = 0;
    while (i <= s.n) {
        int64_t f = (count >= 0 && done >= count) ? -1
                  : a.n ? text_find(&s, &a, i) : (int64_t)i;
        if (f < 0) break;
        out_add(&o, &s, i, (size_t)f - i);
        out_add(&o, &b, 0, b.n);
        done++;
        if (a.n == 0) {
            if ((size_t)f < s.n) out_add(&o, &s, (size_t)f, 1);
            i = (size_t)f + 1;
        } else {
            i = (size_t)f + a.n;
        }
    }
    if (i < s.n) out_add(&o, &s, i, s.n - i);
    Addr r;
    if (done == 0) { heap_incref(h, self); r = self; }
    else if (o.bytes && o.n) {      /* CPython's replace makes a new string, even of one char */
        uint8_t *p;
        r = chk(vm, str_new_ascii_buf(h, o.n, &p));
        if (r) memcpy(p, o.b, o.n);
    }
    else r = chk(vm, o.bytes ? str_from_utf8(h, (const char *)o.b, o.n) : str_from_cps(h, o.w, o.n));
    text_free(&s); text_free(&a); text_free(&b); free(o.b); free(o.w);
    return r;
}

static bool sub_range(Vm *vm, Addr *args, unsigned n, size_t len, size_t *lo, size_t *hi)
{
    int64_t a = 0, b = (int64_t)len;
    if (n > 1 && args[1] != H(vm)->none && !op_index(vm, args[1], &a)) return false;
    if (n > 2 && args[2] != H(vm)->none && !op_index(vm, args[2], &b)) return false;
    if (a < 0) { a += (int64_t)len; if (a < 0) a = 0; }
    if (b < 0) { b += (int64_t)len; if (b < 0) b = 0; }
    if (b > (int64_t)len) b = (int64_t)len;
    *lo = (size_t)a; *hi = (size_t)b;
    return true;
}

enum { FIND, INDEX, COUNT, RFIND, RINDEX };

/* find/index/count/rfind/rindex of args[0] in self[start:end] */
static Addr find_impl(Vm *vm, Addr self, Addr *args, unsigned n, int mode)
{
    Heap *h = H(vm);
    if (!need_str(vm, args[0], "must be str")) return 0;
    Text s, t;
    text_of(h, self, &s); text_of(h, args[0], &t);
    size_t lo, hi;
    if (!sub_range(vm, args, n, s.n, &lo, &hi)) { text_free(&s); text_free(&t); return 0; }
    int64_t res = -1, cnt = 0;
    if (lo <= hi && hi - lo >= t.n) {
        Text sv = s;
        sv.n = hi;                      /* the search stops at 'hi' */
        if (mode == RFIND || mode == RINDEX) {
            for (size_t i = hi - t.n + 1; i-- > lo;)
                if (text_match(&sv, i, &t)) { res = (int64_t)i; break; }
        } else if (t.n == 0) {          /* "" occurs at every index lo..hi */
            res = (int64_t)lo;
            cnt = (int64_t)(hi - lo + 1);
        } else if (mode == COUNT && t.n == 1 && s.b && t.b) {
            cnt = (int64_t)count_ascii_byte(s.b + lo, hi - lo, t.b[0]);
        } else {
            for (int64_t i = text_find(&sv, &t, lo); i >= 0; i = text_find(&sv, &t, (size_t)i + t.n)) {
                if (mode != COUNT) { res = i; break; }
                cnt++;
            }
        }
    }
    text_free(&s); text_free(&t);
    if (mode == COUNT) return chk(vm, int_from_i64(h, cnt));
    if (res < 0 && (mode == INDEX || mode == RINDEX)) return vm_raise(vm, EXC_VALUE, "substring not found");
    return chk(vm, int_from_i64(h, res));
}

static Addr m_str_find(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return find_impl(vm, self, args, n, FIND); }
static Addr m_str_index(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return find_impl(vm, self, args, n, INDEX); }
static Addr m_str_count(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return find_impl(vm, self, args, n, COUNT); }
static Addr m_str_rfind(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return find_impl(vm, self, args, n, RFIND); }
static Addr m_str_rindex(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return find_impl(vm, self, args, n, RINDEX); }

static Addr affix_impl(Vm *vm, Addr self, Addr *args, unsigned n, bool start)
{
    Heap *h = H(vm);
    Addr p = args[0];
    if (obj_type(h, p) == TY_TUPLE) {
        for (size_t i = 0; i < tuple_len(h, p); i++) {
            Addr sub[3] = { tuple_get(h, p, i), n > 1 ? args[1] : 0, n > 2 ? args[2] : 0 };
            Addr r = affix_impl(vm, self, sub, n, start);
            if (!r || r == h->true_) return r;
            heap_decref(h, r);
        }
        return heap_bool(h, false);
    }
    if (obj_type(h, p) != TY_STR)
        return vm_raise(vm, EXC_TYPE, "%s first arg must be str or a tuple of str, not %s", start ? "startswith" : "endswith", op_type_name(vm, p));
    size_t ls = str_len(h, self), lp = str_len(h, p), lo, hi;
    if (!sub_range(vm, args, n, ls, &lo, &hi)) return 0;
    if (hi < lo || hi - lo < lp) return heap_bool(h, false);
    size_t at = start ? lo : hi - lp;
    Text ts, tp;
    text_of(h, self, &ts);
    text_of(h, p, &tp);
    bool eq = true;
    if (ts.b && tp.b) eq = memcmp(ts.b + at, tp.b, lp) == 0;      /* ASCII: bytes in place */
    else for (size_t i = 0; i < lp && eq; i++) eq = text_at(&ts, at + i) == text_at(&tp, i);
    text_free(&ts);
    text_free(&tp);
    return heap_bool(h, eq);
}

static Addr m_str_startswith(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return affix_impl(vm, self, args, n, true); }
static Addr m_str_endswith(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return affix_impl(vm, self, args, n, false); }

/* str.isdigit (0), isalpha (1), isspace (2), isalnum (3) of one char:
** Latin-1 here (isalnum is isalpha, isdecimal, isdigit or isnumeric: the
** superscripts 2, 3, 1 and the fractions 1/4, 1/2, 3/4 too), the rest
** from the tables of the profile's Unicode version. */
static bool char_class(uint32_t c, int cls, bool py312)
{
    if (c > 0xFF) {
        static const UnicodeClass uc[4] = { UC_DIGIT, UC_ALPHA, UC_SPACE, UC_ALNUM };
        return op_unicode_class(c, uc[cls], py312);
    }
    bool digit = (c >= '0' && c <= '9') || c == 0xB2 || c == 0xB3 || c == 0xB9;
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7)
               || c == 0xAA || c == 0xB5 || c == 0xBA;
    switch (cls) {
    case 0: return digit;
    case 1: return alpha;
    case 2: return is_space(c);
    default: return alpha || digit || (c >= 0xBC && c <= 0xBE);
    }
}

static Addr class_impl(Vm *vm, Addr self, int cls)
{
    Heap *h = H(vm);
    if (str_len(h, self) == 1) return heap_bool(h, char_class(str_char(h, self, 0), cls, vm->py312));   /* a char of a loop over a str */
    Text t;
    text_of(h, self, &t);
    bool ok = t.n > 0;
    for (size_t i = 0; i < t.n && ok; i++) ok = char_class(text_at(&t, i), cls, vm->py312);
    text_free(&t);
    return heap_bool(h, ok);
}

static Addr m_str_isdigit(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return class_impl(vm, self, 0); }
static Addr m_str_isalpha(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return class_impl(vm, self, 1); }
static Addr m_str_isspace(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return class_impl(vm, self, 2); }
static Addr m_str_isalnum(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return class_impl(vm, self, 3); }

/*
** str.format, parsed as CPython's Objects/stringlib/unicode_format.h
** parses it (MarkupIterator_next, parse_field, field_name_split) so that
** its errors come in the same order with the same words, and rendered as
** its render_field renders: an exact str, int or float straight into the
** result (op_format_into), anything else through a spec str and
** format(). A spec with nested fields is built first, as a str of its own
** (build_string, two levels deep at most).
*/
typedef struct FormatCall {
    Addr *args;
    unsigned n, np;
    Addr kw;
    unsigned next;              /* the next automatic field's index */
    bool automatic, manual;     /* how the fields are numbered: one way only */
} FormatCall;

/* The digits s[a..b) as an index (get_integer): -1 when empty or not all
** digits, -2 with ValueError raised past Py_ssize_t. */
static int64_t field_integer(Vm *vm, const Text *s, size_t a, size_t b)
{
    if (a >= b) return -1;
    int64_t acc = 0, max = op_c_long_max(vm->h);
    for (size_t i = a; i < b; i++) {
        uint32_t c = text_at(s, i);
        if (c < '0' || c > '9') return -1;
        if (acc > (max - (int64_t)(c - '0')) / 10) { vm_raise(vm, EXC_VALUE, "Too many decimal digits in format string"); return -2; }
        acc = acc * 10 + (int64_t)(c - '0');
    }
    return acc;
}

/* s[a..b) appended to 'out' as UTF-8 */
static void text_utf8(const Text *s, size_t a, size_t b, StrBuf *out)
{
    if (s->b) sb_put(out, (const char *)s->b + a, b - a);
    else for (size_t i = a; i < b; i++) sb_put_utf8(out, s->w[i]);
}

/* The object a field name s[a..b) names (a new reference), or 0 raised:
** the argument ("" the next automatic one, digits a position, else a
** keyword), then each ".attr" and "[key]" after it. */
static Addr field_object(Vm *vm, const Text *s, size_t a, size_t b, FormatCall *fc)
{
    Heap *h = H(vm);
    size_t i = a;
    while (i < b && text_at(s, i) != '.' && text_at(s, i) != '[') i++;
    int64_t idx = field_integer(vm, s, a, i);
    if (idx == -2) return 0;
    bool empty = i == a;
    Addr obj;
    if (empty || idx >= 0) {
        if (!fc->automatic && !fc->manual) { fc->automatic = empty; fc->manual = !empty; }
        if (fc->manual && empty) return vm_raise(vm, EXC_VALUE, "cannot switch from manual field specification to automatic field numbering");
        if (fc->automatic && !empty) return vm_raise(vm, EXC_VALUE, "cannot switch from automatic field numbering to manual field specification");
        if (empty) idx = fc->next++;
        if ((uint64_t)idx >= fc->np) return vm_raise(vm, EXC_INDEX, "Replacement index %lld out of range for positional args tuple", (long long)idx);
        obj = fc->args[idx];
    } else {
        StrBuf key; sb_init(&key);
        text_utf8(s, a, i, &key);
        obj = nat_kwarg(vm, fc->args, fc->n, fc->kw, key.s);
        if (!obj) vm_raise(vm, EXC_KEY, "'%s'", key.s);
        sb_free(&key);
        if (!obj) return 0;
    }
    heap_incref(h, obj);
    while (i < b) {                     /* FieldNameIterator_next */
        uint32_t c = text_at(s, i++);
        size_t from = i;
        Addr next = 0;
        if (c == '.') {
            while (i < b && text_at(s, i) != '.' && text_at(s, i) != '[') i++;
            if (i == from) { heap_decref(h, obj); return vm_raise(vm, EXC_VALUE, "Empty attribute in format string"); }
            Addr name = text_piece(h, s, from, i - from);
            next = name ? builtins_getattr(vm, obj, name) : nomem(vm);
            heap_decref(h, name);
        } else if (c == '[') {
            while (i < b && text_at(s, i) != ']') i++;
            if (i >= b) { heap_decref(h, obj); return vm_raise(vm, EXC_VALUE, "Missing ']' in format string"); }
            int64_t k = field_integer(vm, s, from, i++);
            if (k == -2) { heap_decref(h, obj); return 0; }
            if (i - 1 == from) { heap_decref(h, obj); return vm_raise(vm, EXC_VALUE, "Empty attribute in format string"); }
            Addr key = k >= 0 ? int_from_i64(h, k) : text_piece(h, s, from, i - 1 - from);
            next = key ? op_getitem(vm, obj, key) : nomem(vm);
            heap_decref(h, key);
        } else {
            heap_decref(h, obj);
            return vm_raise(vm, EXC_VALUE, "Only '.' or '[' may follow ']' in format field specifier");
        }
        heap_decref(h, obj);
        if (!(obj = next)) return 0;
    }
    return obj;
}

static bool format_markup(Vm *vm, const Text *s, size_t at, size_t end, FormatCall *fc, int depth, StrBuf *out,
                          Addr *whole);

/* One replacement field: its name s[a..b), conversion (0 for none) and
** spec s[sa..sb), which has nested fields when 'expand'. 'whole' (else
** NULL) when the field is the template's last and nothing is written
** before it: CPython's writer, its overallocation off and still empty,
** then takes a str the field leaves as it is (the value after its
** conversion, or what format() returned) as the result itself, which
** *whole gets (a new reference). */
static bool format_field(Vm *vm, const Text *s, size_t a, size_t b, uint32_t conv, size_t sa, size_t sb,
                         bool expand, FormatCall *fc, int depth, StrBuf *out, Addr *whole)
{
    Heap *h = H(vm);
    Addr v = field_object(vm, s, a, b, fc);
    if (!v) return false;
    if (conv) {
        Addr c = 0;
        if (conv == 'r' || conv == 'a') c = op_repr_obj(vm, v);
        else if (conv == 's') c = op_str_obj(vm, v);
        else if (conv > 32 && conv < 127) vm_raise(vm, EXC_VALUE, "Unknown conversion specifier %c", (char)conv);
        else vm_raise(vm, EXC_VALUE, "Unknown conversion specifier \\x%x", (unsigned)conv);
        heap_decref(h, v);
        if (!c) return false;
        v = c;
    }
    /* the spec's UTF-8: the format's own bytes, or the nested fields'
    ** expansion (a str of its own, as CPython's build_string makes it) */
    StrBuf buf; sb_init(&buf);
    Addr tmp = 0, f = 0;
    const char *sp = "";
    size_t n = sb - sa;
    bool ok = false;
    if (expand) {
        if (!format_markup(vm, s, sa, sb, fc, depth - 1, &buf, NULL)) goto done;
        if (!(tmp = str_from_utf8(h, buf.s ? buf.s : "", buf.len))) { nomem(vm); goto done; }
        sp = buf.s ? buf.s : "";
        n = buf.len;
    } else if (s->b) {
        sp = (const char *)s->b + sa;
    } else if (n) {
        text_utf8(s, sa, sb, &buf);
        sp = buf.s;
        n = buf.len;
    }
    int st = op_format_into(vm, v, sp, n, out);
    if (st < 0) {                       /* format(v, spec) with the spec as a str */
        Addr spec = tmp ? (heap_incref(h, tmp), tmp) : text_piece(h, s, sa, sb - sa);
        f = spec ? op_format(vm, v, spec) : nomem(vm);
        heap_decref(h, spec);
        if (f) str_to_utf8(h, f, out);
        st = f != 0;
    }
    ok = st == 1;
    Addr r = f ? f : v;
    if (ok && whole && obj_type(h, r) == TY_STR && str_is_utf8(h, r, out->s, out->len)) {
        heap_incref(h, r);
        *whole = r;
    }
done:                                   /* in output_markup's order */
    heap_decref(h, f);
    heap_decref(h, v);
    heap_decref(h, tmp);
    sb_free(&buf);
    return ok;
}

/* The text s[at..end) with its fields replaced, appended to 'out'
** (build_string and MarkupIterator_next); false raised. 'whole' as for
** format_field, for the top-level template (else NULL). */
static bool format_markup(Vm *vm, const Text *s, size_t at, size_t end, FormatCall *fc, int depth, StrBuf *out,
                          Addr *whole)
{
    if (depth <= 0) { vm_raise(vm, EXC_VALUE, "Max string recursion exceeded"); return false; }
    size_t i = at;
    while (i < end) {
        size_t lit = i;                 /* the literal text up to the first brace */
        uint32_t c = 0;
        if (s->b) {
            while (i < end && s->b[i] != '{' && s->b[i] != '}') i++;
            if (i < end) c = s->b[i++];
        } else {
            while (i < end && (c = s->w[i++]) != '{' && c != '}') c = 0;
        }
        bool markup = c != 0, at_end = i >= end;
        size_t n = i - lit - markup;
        if (c == '}' && (at_end || text_at(s, i) != '}')) { vm_raise(vm, EXC_VALUE, "Single '}' encountered in format string"); return false; }
        if (c == '{' && at_end) { vm_raise(vm, EXC_VALUE, "Single '{' encountered in format string"); return false; }
        if (markup && text_at(s, i) == c) { n++; i++; markup = false; }    /* "{{" or "}}": the brace once */
        text_utf8(s, lit, lit + n, out);
        if (!markup) continue;
        /* parse_field: the name up to '}', ':' or '!' (skipping "[...]") */
        size_t a = i;
        c = 0;
        while (i < end) {
            c = text_at(s, i++);
            if (c == '{') { vm_raise(vm, EXC_VALUE, "unexpected '{' in field name"); return false; }
            if (c == '[') { while (i < end && text_at(s, i) != ']') i++; continue; }
            if (c == '}' || c == ':' || c == '!') break;
        }
        size_t b = i - 1;
        uint32_t conv = 0;
        size_t sa = i, sb = i;
        bool expand = false;
        if (c == '!' || c == ':') {
            bool closed = false;
            if (c == '!') {
                if (i >= end) { vm_raise(vm, EXC_VALUE, "end of string while looking for conversion specifier"); return false; }
                conv = text_at(s, i++);
                if (i < end) {
                    uint32_t d = text_at(s, i++);
                    if (d == '}') closed = true;
                    else if (d != ':') { vm_raise(vm, EXC_VALUE, "expected ':' after conversion specifier"); return false; }
                }
            }
            sa = sb = i;
            for (int count = 1; !closed && i < end;) {
                uint32_t d = text_at(s, i++);
                if (d == '{') { expand = true; count++; }
                else if (d == '}' && --count == 0) { sb = i - 1; closed = true; }
            }
            if (!closed) { vm_raise(vm, EXC_VALUE, "unmatched '{' in format spec"); return false; }
        } else if (c != '}') {
            vm_raise(vm, EXC_VALUE, "expected '}' before end of string");
            return false;
        }
        Addr *last = whole && i >= end && out->len == 0 ? whole : NULL;
        if (!format_field(vm, s, a, b, conv, sa, sb, expand, fc, depth, out, last)) return false;
    }
    return true;
}

static Addr m_str_format(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    FormatCall fc = { args, n, npos(vm, n, kw), kw, 0, false, false };
    Text s;
    text_of(h, self, &s);
    StrBuf out = vm_scratch_take(vm);
    Addr whole = 0, res = 0;
    if (format_markup(vm, &s, 0, s.n, &fc, 2, &out, &whole))
        res = whole ? whole : op_str_utf8(vm, out.s ? out.s : "", out.len);
    text_free(&s);
    vm_scratch_give(vm, &out);
    return res;
}

/* rjust / ljust / center: 'side' 'r' pads on the left, 'l' on the right */
static Addr pad_impl(Vm *vm, Addr self, Addr *args, unsigned n, char side)
{
    Heap *h = H(vm);
    int64_t width;
    if (!op_index(vm, args[0], &width)) return 0;
    uint32_t fill = ' ';
    if (n > 1) {
        if (obj_type(h, args[1]) != TY_STR || str_len(h, args[1]) != 1)
            return vm_raise(vm, EXC_TYPE, "The fill character must be exactly one character long");
        fill = str_char(h, args[1], 0);
    }
    size_t len = str_len(h, self);
    if (width <= (int64_t)len) { heap_incref(h, self); return self; }
    if ((uint64_t)width > h->ram.heap_end - h->ram.heap) return nomem(vm);
    size_t total = (size_t)width, marg = total - len, left;
    if (side == 'r') left = marg;
    else if (side == 'l') left = 0;
    else left = marg / 2 + (marg & (size_t)width & 1);     /* CPython's pad() rounding */
    /* pad() makes a new string, one char long too (never the singleton) */
    if (fill < 0x80 && str_is_ascii(h, self)) {
        uint8_t *out;
        Addr r = str_new_ascii_buf(h, total, &out);
        if (!r) return nomem(vm);
        memset(out, (int)fill, total);
        memcpy(out + left, str_data(h, self), len);
        return r;
    }
    uint32_t *cp = xmalloc(total * sizeof *cp);
    for (size_t i = 0; i < total; i++) cp[i] = fill;
    for (size_t i = 0; i < len; i++) cp[left + i] = str_char(h, self, i);
    Addr r = chk(vm, str_from_cps_fresh(h, cp, total));
    free(cp);
    return r;
}

static Addr m_str_rjust(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return pad_impl(vm, self, args, n, 'r'); }
static Addr m_str_ljust(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return pad_impl(vm, self, args, n, 'l'); }
static Addr m_str_center(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return pad_impl(vm, self, args, n, 'c'); }

static Addr m_str_zfill(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    int64_t width;
    if (!op_index(vm, args[0], &width)) return 0;
    size_t len = str_len(h, self);
    if (width <= (int64_t)len) { heap_incref(h, self); return self; }
    if ((uint64_t)width > h->ram.heap_end - h->ram.heap) return nomem(vm);
    size_t total = (size_t)width, fill = total - len;
    /* pad()'s new string, then a sign moved to the front */
    if (str_is_ascii(h, self)) {
        uint8_t *out;
        Addr r = str_new_ascii_buf(h, total, &out);
        if (!r) return nomem(vm);
        memset(out, '0', fill);
        memcpy(out + fill, str_data(h, self), len);
        if (len && (out[fill] == '+' || out[fill] == '-')) { out[0] = out[fill]; out[fill] = '0'; }
        return r;
    }
    uint32_t *cp = xmalloc(total * sizeof *cp);
    for (size_t i = 0; i < fill; i++) cp[i] = '0';
    for (size_t i = 0; i < len; i++) cp[fill + i] = str_char(h, self, i);
    if (len && (cp[fill] == '+' || cp[fill] == '-')) { cp[0] = cp[fill]; cp[fill] = '0'; }
    Addr r = chk(vm, str_from_cps_fresh(h, cp, total));
    free(cp);
    return r;
}

static bool is_lower_cp(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7); }
static bool is_upper_cp(uint32_t c) { return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7); }
static uint32_t to_upper_cp(uint32_t c) { return is_lower_cp(c) && c != 0xDF && c != 0xFF ? c - 32 : c; }
static uint32_t to_lower_cp(uint32_t c) { return is_upper_cp(c) ? c + 32 : c; }

/* mode 't' title, 'c' capitalize, 's' swapcase (Latin-1 letters; others unchanged) */
static Addr recase(Vm *vm, Addr self, char mode)
{
    Heap *h = H(vm);
    size_t n = str_len(h, self);
    if (n && str_is_ascii(h, self)) {       /* ASCII: byte to byte, into the new string */
        uint8_t *d;
        Addr r = str_new_ascii_buf(h, n, &d);
        if (!r) return nomem(vm);
        const uint8_t *c = str_data(h, self);
        bool prev_cased = false;
        for (size_t i = 0; i < n; i++) {
            uint8_t x = c[i];
            bool lower = x >= 'a' && x <= 'z', upper = x >= 'A' && x <= 'Z';
            bool to_upper = mode == 't' ? !prev_cased : mode == 'c' ? i == 0 : lower;
            d[i] = to_upper ? (lower ? (uint8_t)(x - 32) : x) : (upper ? (uint8_t)(x + 32) : x);
            prev_cased = lower || upper;
        }
        return r;
    }
    uint32_t *s; size_t len;
    to_cps(h, self, &s, &len);
    bool prev_cased = false;
    for (size_t i = 0; i < len; i++) {
        uint32_t c = s[i];
        bool cased = is_lower_cp(c) || is_upper_cp(c);
        if (mode == 't') s[i] = prev_cased ? to_lower_cp(c) : to_upper_cp(c);
        else if (mode == 'c') s[i] = i == 0 ? to_upper_cp(c) : to_lower_cp(c);
        else s[i] = is_upper_cp(c) ? to_lower_cp(c) : is_lower_cp(c) ? to_upper_cp(c) : c;
        prev_cased = cased;
    }
    Addr r = chk(vm, str_from_cps_fresh(h, s, len));
    free(s);
    return r;
}

static Addr m_str_title(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return recase(vm, self, 't'); }
static Addr m_str_capitalize(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return recase(vm, self, 'c'); }
static Addr m_str_swapcase(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return recase(vm, self, 's'); }

static Addr case_test(Vm *vm, Addr self, bool upper)
{
    Heap *h = H(vm);
    bool any = false;
    for (size_t i = 0; i < str_len(h, self); i++) {
        uint32_t c = str_char(h, self, i);
        if (upper ? is_lower_cp(c) : is_upper_cp(c)) return heap_bool(h, false);
        if (upper ? is_upper_cp(c) : is_lower_cp(c)) any = true;
    }
    return heap_bool(h, any);
}

static Addr m_str_isupper(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return case_test(vm, self, true); }
static Addr m_str_islower(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return case_test(vm, self, false); }

static Addr partition_impl(Vm *vm, Addr self, Addr sep, bool right)
{
    Heap *h = H(vm);
    if (!need_str(vm, sep, "must be str")) return 0;
    Text s, t;
    text_of(h, self, &s); text_of(h, sep, &t);
    if (t.n == 0) { text_free(&s); text_free(&t); return vm_raise(vm, EXC_VALUE, "empty separator"); }
    int64_t at = -1;
    if (!right) at = text_find(&s, &t, 0);
    else if (s.n >= t.n) for (size_t i = s.n - t.n + 1; i-- > 0;) if (text_match(&s, i, &t)) { at = (int64_t)i; break; }
    Addr tup = tuple_new(h, 3);
    if (!tup) { text_free(&s); text_free(&t); return nomem(vm); }
    Addr parts[3];
    if (at < 0) {               /* (s, '', '') or, from the right, ('', '', s) */
        heap_incref(h, self);
        parts[0] = right ? str_from_utf8(h, "", 0) : self;
        parts[1] = str_from_utf8(h, "", 0);
        parts[2] = right ? self : str_from_utf8(h, "", 0);
    } else {
        parts[0] = text_piece(h, &s, 0, (size_t)at);
        heap_incref(h, sep);
        parts[1] = sep;
        parts[2] = text_piece(h, &s, (size_t)at + t.n, s.n - (size_t)at - t.n);
    }
    for (int i = 0; i < 3; i++) tuple_set(h, tup, (size_t)i, parts[i]);
    text_free(&s); text_free(&t);
    return tup;
}

static Addr m_str_partition(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)n; (void)kw; return partition_impl(vm, self, args[0], false); }
static Addr m_str_rpartition(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)n; (void)kw; return partition_impl(vm, self, args[0], true); }

const Native lib_str_natives[] = {
    { "split", TY_STR, m_str_split, 0, 2, true },
    { "join", TY_STR, m_str_join, 1, 1, false },
    { "splitlines", TY_STR, m_str_splitlines, 0, 1, false },
    { "strip", TY_STR, m_str_strip, 0, 1, false },
    { "lstrip", TY_STR, m_str_lstrip, 0, 1, false },
    { "rstrip", TY_STR, m_str_rstrip, 0, 1, false },
    { "upper", TY_STR, m_str_upper, 0, 0, false },
    { "lower", TY_STR, m_str_lower, 0, 0, false },
    { "replace", TY_STR, m_str_replace, 2, 3, false },
    { "find", TY_STR, m_str_find, 1, 3, false },
    { "index", TY_STR, m_str_index, 1, 3, false },
    { "count", TY_STR, m_str_count, 1, 3, false },
    { "startswith", TY_STR, m_str_startswith, 1, 3, false },
    { "endswith", TY_STR, m_str_endswith, 1, 3, false },
    { "isdigit", TY_STR, m_str_isdigit, 0, 0, false },
    { "isalpha", TY_STR, m_str_isalpha, 0, 0, false },
    { "isspace", TY_STR, m_str_isspace, 0, 0, false },
    { "isalnum", TY_STR, m_str_isalnum, 0, 0, false },
    { "format", TY_STR, m_str_format, 0, -1, true },
    { "rjust", TY_STR, m_str_rjust, 1, 2, false },
    { "ljust", TY_STR, m_str_ljust, 1, 2, false },
    { "center", TY_STR, m_str_center, 1, 2, false },
    { "zfill", TY_STR, m_str_zfill, 1, 1, false },
    { "rfind", TY_STR, m_str_rfind, 1, 3, false },
    { "rindex", TY_STR, m_str_rindex, 1, 3, false },
    { "title", TY_STR, m_str_title, 0, 0, false },
    { "capitalize", TY_STR, m_str_capitalize, 0, 0, false },
    { "swapcase", TY_STR, m_str_swapcase, 0, 0, false },
    { "isupper", TY_STR, m_str_isupper, 0, 0, false },
    { "islower", TY_STR, m_str_islower, 0, 0, false },
    { "partition", TY_STR, m_str_partition, 1, 1, false },
    { "rpartition", TY_STR, m_str_rpartition, 1, 1, false },
};
const size_t lib_str_nnatives = sizeof lib_str_natives / sizeof lib_str_natives[0];
