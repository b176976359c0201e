/*
** heap/obj_str.c: str objects in CPython's compact forms (PEP 393).
**   compact ASCII:  {refcnt, type, length, hash, state[, wstr]} then chars
**   compact other:  ASCII part, utf8_length, utf8[, wstr_length] then chars
** Header sizes come from the profile (3.11 still has the wstr fields).
** Chars are 1, 2 or 4 bytes by the largest code point, with a trailing NUL
** of one char. "" and the 256 one-char latin-1 strings are static
** singletons; the intern table maps text to its one interned object.
*/
#include "heap/heap_internal.h"
#include "heap/obj_str.h"

#include <stdlib.h>

/* state bit-field of PyASCIIObject: interned:2 kind:3 compact:1 ascii:1 */
enum { INTERNED_MORTAL = 1, INTERNED_IMMORTAL = 2 };

static Addr f_len(const Heap *h, Addr s) { return s + 2 * h->W; }
static Addr f_hash(const Heap *h, Addr s) { return s + 3 * h->W; }
/* ob_hash before the hash is computed: -1 as a word */
static inline uint64_t hash_unset(const Heap *h) { return h->W == 4 ? 0xFFFFFFFFu : UINT64_MAX; }
static Addr f_state(const Heap *h, Addr s) { return s + 4 * h->W; }

static uint32_t state(const Heap *h, Addr s) { return (uint32_t)ram_rd(&h->ram, f_state(h, s), 4); }

unsigned str_kind(const Heap *h, Addr s) { return (state(h, s) >> ST_KIND_SHIFT) & 7; }
bool str_is_interned(const Heap *h, Addr s) { return state(h, s) & ST_INTERNED_MASK; }

static Addr data_addr(const Heap *h, Addr s)
{
    return s + (str_is_ascii(h, s) ? h->L.str_ascii_header : h->L.str_compact_header);
}

const uint8_t *str_data(const Heap *h, Addr s) { return ram_ptr(&h->ram, data_addr(h, s)); }

uint32_t str_char(const Heap *h, Addr s, size_t i)
{
    unsigned k = str_kind(h, s);
    return (uint32_t)ram_rd(&h->ram, data_addr(h, s) + i * k, k);
}

uint64_t str_sizeof(const Heap *h, Addr s)
{
    size_t n = str_len(h, s);
    if (str_is_ascii(h, s)) return h->L.str_ascii_header + n + 1;
    uint64_t size = h->L.str_compact_header + (uint64_t)(n + 1) * str_kind(h, s);
    if (ram_word(&h->ram, s + h->L.str_ascii_header + h->W))        /* utf8 copy cached */
        size += ram_word(&h->ram, s + h->L.str_ascii_header) + 1;
    return size;
}

static inline void release(Heap *h, Addr s)
{
    uint32_t st = state(h, s);
    uint64_t size = st & ST_ASCII ? h->L.str_ascii_header + str_len(h, s) + 1 : str_sizeof(h, s);
    if (st & ST_INTERNED_MASK) str_forget_interned(h, s);
    if (size - 1 < h->L.small_threshold) {
        uint64_t a = h->L.alignment;
        heap_release_block(h, s, (size + a - 1) & ~(a - 1));
    } else {
        heap_release_slow(h, s, size);
    }
}

void str_release(Heap *h, Addr s) { release(h, s); }

void str_free(Heap *h, Addr s)
{
    heap_mark(h, s, false);
    release(h, s);
}

static uint64_t header_for(const Heap *h, uint32_t maxcp)
{
    return maxcp < 128 ? h->L.str_ascii_header : h->L.str_compact_header;
}

static unsigned kind_for(uint32_t maxcp) { return maxcp < 256 ? 1 : maxcp < 65536 ? 2 : 4; }

/* Writes the header of a string of 'n' chars at 'o' (block already there). */
static void init_str(Heap *h, Addr o, size_t n, uint32_t maxcp)
{
    unsigned kind = kind_for(maxcp);
    uint32_t st = (uint32_t)kind << ST_KIND_SHIFT | ST_COMPACT | (maxcp < 128 ? ST_ASCII : 0);
    ram_set_word(&h->ram, f_len(h, o), n);
    ram_set_word(&h->ram, f_hash(h, o), hash_unset(h));
    ram_set_word(&h->ram, f_state(h, o), 0);
    ram_wr(&h->ram, f_state(h, o), 4, st);
    for (Addr a = f_state(h, o) + h->W; a < o + header_for(h, maxcp); a += h->W)
        ram_set_word(&h->ram, a, 0);                    /* wstr, utf8_length, utf8 ... */
    ram_wr(&h->ram, o + header_for(h, maxcp) + (Addr)n * kind, kind, 0);  /* NUL */
}

/*
** The ASCII strings the VM builds all the time (str(int), a + b, f-strings,
** join, split's pieces) take new_ascii: what heap_make and init_str write
** for a string of 'n' ASCII chars, with the allocator's common case inline
** while nothing observes the heap. h->str_ascii_words, set once by
** heap_str_init, is the header's words when new_ascii can store them one
** by one (little-endian, 5 or 6 words), else 0: tested once, where every
** call tested the layout. The other cases go out of line to
** new_ascii_general (with both changes, a split piece ~30 instructions
** fewer).
*/
static __attribute__((noinline)) Addr new_ascii_general(Heap *h, size_t n)
{
    Addr o = heap_make(h, TY_STR, h->L.str_ascii_header + (uint64_t)n + 1);
    if (o) init_str(h, o, n, 0);
    return o;
}

static inline Addr new_ascii(Heap *h, size_t n)
{
    const Layout *L = &h->L;
    uint64_t size = L->str_ascii_header + (uint64_t)n + 1, a = L->alignment;
    unsigned words = h->str_ascii_words;
    if (h->obs || !words || size - 1 >= L->small_threshold) return new_ascii_general(h, n);
    Addr o = heap_alloc_block(h, (size + a - 1) & ~(a - 1));
    if (!o) return 0;
    heap_mark(h, o, true);
    /* refcnt 1, type, length, hash -1 (not computed), state; 3.11's wstr
    ** 0. One store per field: fields built in a stack array and copied as
    ** one block stalled on store forwarding (a 16-byte load of two 8-byte
    ** stores), a quarter of this function's time. */
    uint8_t *p = ram_ptr(&h->ram, o);
    uint32_t st = 1u << ST_KIND_SHIFT | ST_COMPACT | ST_ASCII;
    if (h->W == 8) {
        uint64_t one = 1, ty = heap_type_obj(h, TY_STR), len = n, hash = UINT64_MAX, state = st, zero = 0;
        memcpy(p, &one, 8); memcpy(p + 8, &ty, 8); memcpy(p + 16, &len, 8);
        memcpy(p + 24, &hash, 8); memcpy(p + 32, &state, 8);
        if (words == 6) memcpy(p + 40, &zero, 8);
    } else {
        uint32_t one = 1, ty = (uint32_t)heap_type_obj(h, TY_STR), len = (uint32_t)n, hash = UINT32_MAX, zero = 0;
        memcpy(p, &one, 4); memcpy(p + 4, &ty, 4); memcpy(p + 8, &len, 4);
        memcpy(p + 12, &hash, 4); memcpy(p + 16, &st, 4);
        if (words == 6) memcpy(p + 20, &zero, 4);
    }
    p[size - 1] = 0;
    return o;
}

static Addr empty(Heap *h) { heap_incref(h, h->empty_str); return h->empty_str; }

static Addr make_from_cps(Heap *h, const uint32_t *cp, size_t n, bool singletons)
{
    uint32_t maxcp = 0;
    for (size_t i = 0; i < n; i++) if (cp[i] > maxcp) maxcp = cp[i];
    if (n == 0) return empty(h);
    if (n == 1 && maxcp < 256 && singletons) return str_char_singleton(h, maxcp);
    if (maxcp < 128) {                  /* ASCII: new_ascii writes the same bytes */
        Addr o = new_ascii(h, n);
        if (!o) return 0;
        uint8_t *p = ascii_chars(h, o);
        for (size_t i = 0; i < n; i++) p[i] = (uint8_t)cp[i];
        return o;
    }
    unsigned kind = kind_for(maxcp);
    Addr o = heap_make(h, TY_STR, header_for(h, maxcp) + (uint64_t)(n + 1) * kind);
    if (!o) return 0;
    init_str(h, o, n, maxcp);
    Addr d = o + header_for(h, maxcp);
    if (kind == 1) {
        uint8_t *p = ram_ptr(&h->ram, d);
        for (size_t i = 0; i < n; i++) p[i] = (uint8_t)cp[i];
    } else {
        for (size_t i = 0; i < n; i++) ram_wr(&h->ram, d + i * kind, kind, cp[i]);
    }
    return o;
}

Addr str_from_cps(Heap *h, const uint32_t *cp, size_t n) { return make_from_cps(h, cp, n, true); }
Addr str_from_cps_fresh(Heap *h, const uint32_t *cp, size_t n) { return make_from_cps(h, cp, n, false); }

/* True when no byte of s[0..n) has its top bit set: 8 bytes at a time. */
static bool all_ascii(const unsigned char *s, size_t n)
{
    size_t i = 0;
    uint64_t acc = 0;
    for (; i + 8 <= n; i += 8) { uint64_t w; memcpy(&w, s + i, 8); acc |= w; }
    for (; i < n; i++) acc |= s[i];
    return !(acc & 0x8080808080808080ull);
}

Addr str_from_utf8(Heap *h, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    if (all_ascii(u, n)) {
        if (n == 0) return empty(h);
        if (n == 1) return str_char_singleton(h, u[0]);
        Addr o = new_ascii(h, n);
        if (!o) return 0;
        copy_short(ascii_chars(h, o), s, n);
        return o;
    }
    uint32_t *cps = xmalloc((n + 1) * sizeof *cps);
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        int len = utf8_decode(u + i, n - i, &c);
        if (len <= 0) { c = 0xFFFD; len = 1; }
        cps[k++] = c;
        i += (size_t)len;
    }
    Addr o = str_from_cps(h, cps, k);
    free(cps);
    return o;
}

Addr str_from_cstr(Heap *h, const char *s) { return str_from_utf8(h, s, strlen(s)); }

Addr str_new_ascii(Heap *h, const char *s, size_t n)
{
    if (n == 0) return empty(h);
    Addr o = new_ascii(h, n);
    if (!o) return 0;
    copy_short(ascii_chars(h, o), s, n);
    return o;
}

Addr str_ascii_piece(Heap *h, const uint8_t *s, size_t n)
{
    return n == 1 ? str_char_singleton(h, s[0]) : str_new_ascii(h, (const char *)s, n);
}

Addr str_new_ascii_buf(Heap *h, size_t n, uint8_t **chars)
{
    Addr o = new_ascii(h, n);
    if (o) *chars = ascii_chars(h, o);
    return o;
}

static inline Addr concat_ascii(Heap *h, Addr a, size_t na, Addr b, size_t nb)
{
    Addr o = new_ascii(h, na + nb);
    if (!o) return 0;
    uint8_t *p = ascii_chars(h, o);
    copy_short(p, ascii_chars(h, a), na);
    copy_short(p + na, ascii_chars(h, b), nb);
    return o;
}

Addr str_concat_ascii(Heap *h, Addr a, Addr b) { return concat_ascii(h, a, str_len(h, a), b, str_len(h, b)); }

Addr str_add(Heap *h, Addr a, Addr b)
{
    size_t na = str_len(h, a), nb = str_len(h, b);
    if (na == 0) { heap_incref(h, b); return b; }
    if (nb == 0) { heap_incref(h, a); return a; }
    uint32_t sa = state(h, a), sb = state(h, b);
    if (sa & sb & ST_ASCII) return concat_ascii(h, a, na, b, nb);
    /* strings are canonical (the kind of their widest char), so the result's
    ** kind is the wider one, and it is ASCII only if both are */
    unsigned ka = (sa >> ST_KIND_SHIFT) & 7, kb = (sb >> ST_KIND_SHIFT) & 7, kind = ka > kb ? ka : kb;
    uint32_t maxcp = kind == 1 ? 255 : kind == 2 ? 0xFFFF : 0x10FFFF;
    Addr o = heap_make(h, TY_STR, header_for(h, maxcp) + (uint64_t)(na + nb + 1) * kind);
    if (!o) return 0;
    init_str(h, o, na + nb, maxcp);
    Addr d = o + header_for(h, maxcp);
    if (ka == kind) memcpy(ram_ptr(&h->ram, d), str_data(h, a), na * kind);
    else for (size_t i = 0; i < na; i++) ram_wr(&h->ram, d + i * kind, kind, str_char(h, a, i));
    d += (Addr)na * kind;
    if (kb == kind) memcpy(ram_ptr(&h->ram, d), str_data(h, b), nb * kind);
    else for (size_t i = 0; i < nb; i++) ram_wr(&h->ram, d + i * kind, kind, str_char(h, b, i));
    return o;
}

/*
** PyUnicode_Append(&left, right), which CPython's BINARY_OP_INPLACE_ADD_
** UNICODE calls for `s += t` / `s = s + t` into a local s. A left string
** nothing else holds (refcount 1), never hashed (hash still -1), not
** interned, and at least as wide as right (ASCII only with ASCII) is
** resized (resize_compact: PyObject_Realloc, so its id stays while the
** block's size class does) and right's chars are copied after its own.
** Otherwise a new string is made and left is released *before* the caller
** releases right.
*/
Addr str_append(Heap *h, Addr left, Addr right)
{
    if (left == h->empty_str) {
        heap_decref(h, left);
        heap_incref(h, right);
        return right;
    }
    if (right == h->empty_str) return left;
    size_t nl = str_len(h, left), nr = str_len(h, right);
    uint32_t sl = state(h, left), sr = state(h, right);
    unsigned kl = (sl >> ST_KIND_SHIFT) & 7, kr = (sr >> ST_KIND_SHIFT) & 7;
    /* right == left: CPython's operand holds a reference of its own */
    bool modifiable = obj_refcnt(h, left) == 1 && ram_word(&h->ram, f_hash(h, left)) == hash_unset(h)
                      && !(sl & ST_INTERNED_MASK) && right != left;
    if (!modifiable || kr > kl || ((sl & ST_ASCII) && !(sr & ST_ASCII))) {
        Addr res = str_add(h, left, right);
        if (res) heap_decref(h, left);
        return res;
    }
    uint64_t hdr = sl & ST_ASCII ? h->L.str_ascii_header : h->L.str_compact_header;
    uint64_t oldsize = hdr + (uint64_t)(nl + 1) * kl, newsize = hdr + (uint64_t)(nl + nr + 1) * kl;
    Addr o = heap_realloc(h, left, oldsize, newsize);
    if (!o) return 0;
    ram_set_word(&h->ram, f_len(h, o), nl + nr);
    Addr d = o + hdr + (Addr)nl * kl;
    if (kr == kl) memmove(ram_ptr(&h->ram, d), str_data(h, right), nr * kl);
    else for (size_t i = 0; i < nr; i++) ram_wr(&h->ram, d + i * kl, kl, str_char(h, right, i));
    ram_wr(&h->ram, d + (Addr)nr * kl, kl, 0);
    heap_realloced(h, TY_STR, left, o, oldsize, newsize);
    return o;
}

Addr str_join_ascii(Heap *h, Addr sep, const Addr *parts, size_t n, bool *done)
{
    *done = false;
    if (sep && !str_is_ascii(h, sep)) return 0;
    size_t ns = sep ? str_len(h, sep) : 0, total = n ? ns * (n - 1) : 0;
    for (size_t i = 0; i < n; i++) {
        if (obj_type(h, parts[i]) != TY_STR || !str_is_ascii(h, parts[i])) return 0;
        total += str_len(h, parts[i]);
    }
    *done = true;
    if (total == 0) return empty(h);
    Addr o = new_ascii(h, total);       /* a new string even of one char (PyUnicode_New) */
    if (!o) return 0;
    uint8_t *p = ascii_chars(h, o);
    const uint8_t *ps = sep ? ascii_chars(h, sep) : NULL;
    for (size_t i = 0; i < n; i++) {
        if (i && ns) { copy_short(p, ps, ns); p += ns; }
        size_t k = str_len(h, parts[i]);
        copy_short(p, ascii_chars(h, parts[i]), k);
        p += k;
    }
    return o;
}

Addr str_from_i64(Heap *h, int64_t v)
{
    char buf[24], *p = fmt_i64(buf, v);
    return str_new_ascii(h, p, (size_t)(buf + 23 - p));
}

void str_to_utf8(const Heap *h, Addr s, StrBuf *out)
{
    size_t n = str_len(h, s);
    if (str_is_ascii(h, s)) {           /* sb_put, with the copy inline */
        sb_reserve(out, n);
        copy_short((uint8_t *)out->s + out->len, ram_ptr(&h->ram, s + h->L.str_ascii_header), n);
        out->len += n;
        out->s[out->len] = '\0';
        return;
    }
    for (size_t i = 0; i < n; i++) sb_put_utf8(out, str_char(h, s, i));
}

const char *str_utf8_view(const Heap *h, Addr s, StrBuf *copy, size_t *len)
{
    if (str_is_ascii(h, s)) {
        *len = str_len(h, s);
        return (const char *)str_data(h, s);
    }
    str_to_utf8(h, s, copy);
    *len = copy->len;
    return copy->s ? copy->s : "";
}

bool str_is_utf8(const Heap *h, Addr s, const char *t, size_t n)
{
    StrBuf copy; sb_init(&copy);
    size_t len;
    const char *own = str_utf8_view(h, s, &copy, &len);
    bool same = len == n && (n == 0 || memcmp(own, t, n) == 0);
    sb_free(&copy);
    return same;
}

bool str_eq(const Heap *h, Addr a, Addr b)
{
    if (a == b) return true;
    size_t n = str_len(h, a);
    if (n != str_len(h, b) || str_kind(h, a) != str_kind(h, b)) return false;
    return memcmp(str_data(h, a), str_data(h, b), n * str_kind(h, a)) == 0;
}

/*
** 'sub' occurs in 's' (str.__contains__). Strings of one kind compare code
** units, so the search runs over their bytes: memchr to each candidate
** first byte, memcmp there, a match counting only at a code unit's start.
** A wider kind than s's holds a code point s cannot hold.
*/
bool str_contains(const Heap *h, Addr s, Addr sub)
{
    size_t n = str_len(h, s), m = str_len(h, sub);
    if (m == 0) return true;
    if (m > n) return false;
    unsigned k = str_kind(h, s), kt = str_kind(h, sub);
    if (kt > k) return false;
    if (kt < k) {                   /* a narrower needle: code point by code point */
        for (size_t i = 0; i + m <= n; i++) {
            size_t j = 0;
            while (j < m && str_char(h, s, i + j) == str_char(h, sub, j)) j++;
            if (j == m) return true;
        }
        return false;
    }
    const uint8_t *p = str_data(h, s), *q = str_data(h, sub);
    size_t nb = n * k, mb = m * k;
    for (size_t i = 0; i + mb <= nb;) {
        const uint8_t *f = memchr(p + i, q[0], nb - mb + 1 - i);
        if (!f) return false;
        size_t at = (size_t)(f - p);
        if (at % k == 0 && memcmp(f, q, mb) == 0) return true;
        i = at + 1;
    }
    return false;
}

bool str_eq_cstr(const Heap *h, Addr s, const char *c)
{
    size_t len = str_len(h, s);
    if (str_is_ascii(h, s)) {       /* no strlen: the first char, then up to c's end */
        const char *d = (const char *)str_data(h, s);
        return (len == 0 || c[0] == d[0]) && strncmp(c, d, len) == 0 && c[len] == '\0';
    }
    /* wider text (a non-ASCII parameter name): against c decoded as UTF-8 */
    size_t n = strlen(c), i = 0, at = 0;
    for (; i < len && at < n; i++) {
        uint32_t cp;
        int k = utf8_decode((const unsigned char *)c + at, n - at, &cp);
        if (k == 0 || cp != str_char(h, s, i)) return false;
        at += (size_t)k;
    }
    return i == len && at == n;
}

bool str_eq_ascii(const Heap *h, Addr s, const char *c, size_t n)
{
    if (str_len(h, s) != n || !str_is_ascii(h, s)) return false;
    const uint8_t *p = ram_ptr(&h->ram, s + h->L.str_ascii_header);
    if (n > 16) return memcmp(p, c, n) == 0;
    if (n >= 8) {                       /* two overlapping words */
        uint64_t x, y, u, v;
        memcpy(&x, p, 8); memcpy(&y, p + n - 8, 8);
        memcpy(&u, c, 8); memcpy(&v, c + n - 8, 8);
        return x == u && y == v;
    }
    if (n >= 4) {
        uint32_t x, y, u, v;
        memcpy(&x, p, 4); memcpy(&y, p + n - 4, 4);
        memcpy(&u, c, 4); memcpy(&v, c + n - 4, 4);
        return x == u && y == v;
    }
    for (size_t i = 0; i < n; i++) if (p[i] != (uint8_t)c[i]) return false;
    return true;
}

int str_cmp(const Heap *h, Addr a, Addr b)
{
    size_t na = str_len(h, a), nb = str_len(h, b);
    size_t n = na < nb ? na : nb;
    if (str_kind(h, a) == 1 && str_kind(h, b) == 1) {
        int c = memcmp(str_data(h, a), str_data(h, b), n);
        if (c) return c < 0 ? -1 : 1;
    } else {
        for (size_t i = 0; i < n; i++) {
            uint32_t x = str_char(h, a, i), y = str_char(h, b, i);
            if (x != y) return x < y ? -1 : 1;
        }
    }
    return na < nb ? -1 : na > nb;
}

/* FNV-1a over the code points: deterministic (no hash randomisation), and
** equal strings of any kind hash alike. Never -1, as in CPython. */
static uint64_t hash_cps(const Heap *h, Addr s)
{
    uint64_t x = 1469598103934665603ull;
    size_t n = str_len(h, s);
    const uint8_t *d = str_data(h, s);
    switch (h->ram.big ? 0 : str_kind(h, s)) {    /* the chars in place, by kind */
    case 1: for (size_t i = 0; i < n; i++) { x ^= d[i]; x *= 1099511628211ull; } break;
    case 2: for (size_t i = 0; i < n; i++) { uint16_t c; memcpy(&c, d + 2 * i, 2); x ^= c; x *= 1099511628211ull; } break;
    case 4: for (size_t i = 0; i < n; i++) { uint32_t c; memcpy(&c, d + 4 * i, 4); x ^= c; x *= 1099511628211ull; } break;
    default: for (size_t i = 0; i < n; i++) { x ^= str_char(h, s, i); x *= 1099511628211ull; } break;
    }
    if (h->W == 4) x = (uint64_t)(int64_t)(int32_t)(uint32_t)x;
    if (x == UINT64_MAX) x--;
    return x;
}

uint64_t str_hash(Heap *h, Addr s)
{
    uint64_t v = ram_word(&h->ram, f_hash(h, s));
    if (v != hash_unset(h)) return h->W == 4 ? (uint64_t)(int64_t)(int32_t)(uint32_t)v : v;
    v = hash_cps(h, s);
    ram_set_word(&h->ram, f_hash(h, s), v);
    return v;
}

/* ---- interning: open addressing over object ids, keyed by text ---- */

static size_t slot_for(Heap *h, Addr s)
{
    InternTable *t = &h->interned;
    size_t i = (size_t)str_hash(h, s) & (t->cap - 1);
    while (t->slots[i] && !str_eq(h, t->slots[i], s)) i = (i + 1) & (t->cap - 1);
    return i;
}

static void grow(Heap *h)
{
    InternTable *t = &h->interned;
    Addr *old = t->slots;
    size_t oldcap = t->cap;
    t->cap = oldcap ? oldcap * 2 : 256;
    t->slots = xcalloc(t->cap, sizeof *t->slots);
    for (size_t i = 0; i < oldcap; i++)
        if (old[i]) t->slots[slot_for(h, old[i])] = old[i];
    free(old);
}

static bool is_singleton(const Heap *h, Addr s)
{
    return s == h->empty_str || (s >= h->latin1 && s < h->latin1 + 256 * (Addr)h->latin1_stride);
}

Addr str_intern(Heap *h, Addr s)
{
    if (is_singleton(h, s) || str_is_interned(h, s)) return s;
    size_t n = str_len(h, s);
    if (n == 0) { heap_decref(h, s); return empty(h); }
    if (n == 1 && str_char(h, s, 0) < 256) {
        Addr c = str_char_singleton(h, str_char(h, s, 0));
        heap_decref(h, s);
        return c;
    }
    InternTable *t = &h->interned;
    if ((t->count + 1) * 2 > t->cap) grow(h);
    size_t i = slot_for(h, s);
    if (t->slots[i]) {
        Addr found = t->slots[i];
        heap_incref(h, found);
        heap_decref(h, s);
        return found;
    }
    t->slots[i] = s;
    t->count++;
    uint32_t st = state(h, s) & ~(uint32_t)ST_INTERNED_MASK;
    if (h->L.interned_immortal) {
        ram_wr(&h->ram, f_state(h, s), 4, st | INTERNED_IMMORTAL);
        ram_set_word(&h->ram, s, h->L.static_refcnt);
    } else {
        ram_wr(&h->ram, f_state(h, s), 4, st | INTERNED_MORTAL);
    }
    return s;
}

Addr str_find_interned(Heap *h, const char *s, size_t n)
{
    InternTable *t = &h->interned;
    if (!t->cap) return 0;
    for (size_t i = 0; i < t->cap; i++) {
        Addr a = t->slots[i];
        if (a && str_len(h, a) == n && str_is_ascii(h, a) && memcmp(str_data(h, a), s, n) == 0)
            return a;
    }
    return 0;
}

/* Called when an interned mortal string dies (3.11 rule). */
void str_forget_interned(Heap *h, Addr s)
{
    InternTable *t = &h->interned;
    if (!t->cap) return;
    size_t i = slot_for(h, s);
    if (t->slots[i] != s) return;
    t->slots[i] = 0;
    t->count--;
    /* re-seat the cluster after the hole (linear probing deletion) */
    for (size_t j = (i + 1) & (t->cap - 1); t->slots[j]; j = (j + 1) & (t->cap - 1)) {
        Addr a = t->slots[j];
        t->slots[j] = 0;
        t->slots[slot_for(h, a)] = a;
    }
}

void heap_intern_free(Heap *h) { free(h->interned.slots); h->interned.slots = NULL; }

void heap_release_interned(Heap *h)
{
    /* as _PyUnicode_ClearInterned at finalization: immortal interned strings
    ** (3.12) are made mortal again and their last reference dropped */
    InternTable *t = &h->interned;
    for (size_t i = 0; i < t->cap; i++) {
        Addr s = t->slots[i];
        if (!s || obj_refcnt(h, s) != h->L.static_refcnt || h->L.refcount_rule != RC_IMMORTAL) continue;
        ram_set_word(&h->ram, s, 1);
        heap_decref(h, s);              /* frees it and clears its slot */
        if (t->slots[i] && t->slots[i] != s) i--;   /* the cluster moved: look again */
    }
}

void heap_str_init(Heap *h)
{
    const Layout *L = &h->L;
    unsigned W = h->W, words = L->str_ascii_header / W;
    h->str_ascii_words = !h->ram.big && (W == 8 || W == 4) && (words == 5 || words == 6) && L->str_ascii_header % W == 0 ? words : 0;
    h->empty_str = heap_static_alloc(h, L->str_ascii_header + 1, L->alignment);
    if (!h->empty_str) return;
    heap_static_header(h, h->empty_str, TY_STR);
    init_str(h, h->empty_str, 0, 0);
    /* one stride for all 256: room for the compact header, 2 chars and a
    ** 3-byte UTF-8 copy (3.12 makes one for U+0080..U+00FF) */
    h->latin1_stride = (unsigned)((L->str_compact_header + 2 + 3 + h->W - 1) / h->W * h->W);
    h->latin1 = heap_static_alloc(h, 256 * (uint64_t)h->latin1_stride, L->alignment);
    if (!h->latin1) return;
    for (uint32_t c = 0; c < 256; c++) {
        Addr o = h->latin1 + (Addr)c * h->latin1_stride;
        heap_static_header(h, o, TY_STR);
        init_str(h, o, 1, c);
        Addr d = o + header_for(h, c);
        ram_wr(&h->ram, d, 1, c);
        if (c >= 128 && L->str_latin1_singleton_utf8) {
            Addr u = d + 2;
            ram_wr(&h->ram, u, 1, 0xC0 | c >> 6);
            ram_wr(&h->ram, u + 1, 1, 0x80 | (c & 0x3F));
            ram_wr(&h->ram, u + 2, 1, 0);
            ram_set_word(&h->ram, o + L->str_ascii_header, 2);
            ram_set_word(&h->ram, o + L->str_ascii_header + h->W, u);
        }
    }
}
