/*
** vm/stepper_show.c: what 'tracevm step' shows. Where the machine stopped
** and what changed since the previous stop, and the inspection commands:
** p, regs, bt, heap, mem, obj, output, changes, state-hash.
**
** Every RAM address can be named: a field of an object ("int @0x.. ob_digit[0]"),
** an item slot of a list's separate ob_item block, a dict's keys table, a
** register of a frame in the stack segment, an instruction word in the code
** segment, a pool header or a free block. A MemIndex (sorted extents of every
** live and static object and the blocks they own) answers these lookups;
** it is built once per command.
**
** Everything here only reads the machine (the caller also runs it in a
** throwaway process); the one write is the record of this stop in the
** shared block.
*/
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/disasm.h"
#include "vm/ops.h"
#include "vm/stepper_internal.h"
#include "vm/trace.h"

/* ---------------- colours and markers ---------------- */

typedef enum { MK_CHANGED, MK_NEW, MK_FREED, MK_HEAD, MK_DIM, MK_CUR } Mark;

static const char *mark_on(bool color, Mark m)
{
    if (color) {
        switch (m) {
        case MK_CHANGED: return "\033[33m";
        case MK_NEW: return "\033[32m";
        case MK_FREED: return "\033[31m";
        case MK_HEAD: return "\033[1m";
        case MK_DIM: return "\033[2m";
        case MK_CUR: return "\033[36m";
        }
    }
    switch (m) {
    case MK_CHANGED: return "* ";
    case MK_NEW: return "+ ";
    case MK_FREED: return "- ";
    default: return "";
    }
}

static const char *mark_off(bool color) { return color ? "\033[0m" : ""; }

/* The prefix of a line: the marker character, or two spaces before a colour. */
static void mline(StrBuf *o, bool color, Mark m, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void mline(StrBuf *o, bool color, Mark m, const char *fmt, ...)
{
    sb_puts(o, color ? "  " : "");
    sb_puts(o, mark_on(color, m));
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(o, fmt, ap);
    va_end(ap);
    sb_puts(o, mark_off(color));
    sb_putc(o, '\n');
}

/* ---------------- naming RAM ---------------- */

enum { EX_OBJ, EX_LISTITEMS, EX_DICTKEYS };

typedef struct Ext { Addr lo, hi, obj; int kind; } Ext;
typedef struct MemIndex { Ext *e; size_t n, cap; } MemIndex;


/* Bytes of the object's own struct from its id (GC head not counted). */
static uint64_t struct_size(Heap *h, Addr o)
{
    TypeId t = obj_type(h, o);
    unsigned gc = heap_gc(h, t);
    switch (t) {
    case TY_LIST: return h->L.list_base - gc;
    case TY_DICT: return h->L.dict_empty - gc;
    case TY_TYPE: return h->type_stride;
    default: {
        uint64_t sz = heap_sizeof(h, o);
        return sz > gc ? sz - gc : 2 * (uint64_t)h->W;
    }
    }
}

static void ix_add(MemIndex *ix, Addr lo, Addr hi, Addr obj, int kind)
{
    if (hi <= lo) return;
    GROW_ARRAY(ix->e, ix->n, ix->cap);
    ix->e[ix->n++] = (Ext){ lo, hi, obj, kind };
}

static uint64_t keys_size(const Heap *h, Addr k)
{
    unsigned log2 = (unsigned)ram_rd(&h->ram, k + h->W, 1);
    unsigned log2_ib = (unsigned)ram_rd(&h->ram, k + h->W + 1, 1);
    unsigned kind = (unsigned)ram_rd(&h->ram, k + h->W + 2, 1);
    uint64_t esize = kind == 1 ? h->L.dict_entry_str : h->L.dict_entry_generic;
    if (log2 > 40 || log2_ib > 48) return 4 * (uint64_t)h->W;
    return h->L.dict_keys_header + ((uint64_t)1 << log2_ib) + ((((uint64_t)1 << log2) << 1) / 3) * esize;
}

static void add_object(Heap *h, MemIndex *ix, Addr o)
{
    TypeId t = obj_type(h, o);
    if ((unsigned)t >= TY__COUNT) return;
    ix_add(ix, o - heap_gc(h, t), o + struct_size(h, o), o, EX_OBJ);
    if (t == TY_LIST && list_items(h, o))
        ix_add(ix, list_items(h, o), list_items(h, o) + list_capacity(h, o) * h->W, o, EX_LISTITEMS);
    if (t == TY_DICT) {
        Addr k = ram_word(&h->ram, dict_keys_field(h, o));
        if (k && k != h->empty_keys && !heap_is_static(h, k)) ix_add(ix, k, k + keys_size(h, k), o, EX_DICTKEYS);
    }
}

static void walk_add(void *ud, Addr o)
{
    void **p = ud;
    add_object(p[0], p[1], o);
}

static int ext_cmp(const void *a, const void *b)
{
    const Ext *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static void ix_build(Stepper *s, MemIndex *ix)
{
    Heap *h = s->vm->h;
    memset(ix, 0, sizeof *ix);
    for (unsigned t = 0; t < TY__COUNT; t++) {
        Addr o = heap_type_obj(h, (TypeId)t);
        ix_add(ix, o, o + h->type_stride, o, EX_OBJ);
    }
    int n = h->L.small_int_max - h->L.small_int_min + 1;
    for (int i = 0; i < n; i++) add_object(h, ix, h->small_ints + (Addr)i * h->L.small_int_stride);
    add_object(h, ix, h->none);
    add_object(h, ix, h->true_);
    add_object(h, ix, h->false_);
    if (h->empty_str) add_object(h, ix, h->empty_str);
    if (h->empty_tuple) add_object(h, ix, h->empty_tuple);
    if (h->empty_keys) ix_add(ix, h->empty_keys, h->empty_keys + keys_size(h, h->empty_keys), 0, EX_DICTKEYS);
    if (h->latin1)
        for (int i = 0; i < 256; i++) add_object(h, ix, h->latin1 + (Addr)i * h->latin1_stride);
    void *p[2] = { h, ix };
    heap_walk(h, walk_add, p);
    qsort(ix->e, ix->n, sizeof *ix->e, ext_cmp);
}

static void ix_free(MemIndex *ix) { free(ix->e); }

static const Ext *ix_find(const MemIndex *ix, Addr a)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ix->e[mid].lo <= a) lo = mid + 1; else hi = mid;
    }
    /* extents may nest (a static object inside a larger block): look back a little */
    for (size_t i = lo, k = 0; i-- > 0 && k < 8; k++)
        if (ix->e[i].lo <= a && a < ix->e[i].hi) return &ix->e[i];
    return NULL;
}

/* The object whose id is exactly 'a' (heap or static), or NULL. */
static const Ext *ix_object(const MemIndex *ix, Addr a)
{
    const Ext *e = ix_find(ix, a);
    return e && e->kind == EX_OBJ && e->obj == a ? e : NULL;
}

static void str_field(const Heap *h, Addr o, uint64_t off, StrBuf *out)
{
    unsigned W = h->W;
    bool ascii = str_is_ascii(h, o);
    uint64_t hdr = ascii ? h->L.str_ascii_header : h->L.str_compact_header;
    if (off < 3 * (uint64_t)W) { sb_puts(out, "length"); return; }
    if (off < 4 * (uint64_t)W) { sb_puts(out, "hash"); return; }
    if (off < 5 * (uint64_t)W) { sb_puts(out, "state"); return; }
    if (off >= hdr) { sb_printf(out, "data[%" PRIu64 "]", (off - hdr) / str_kind(h, o)); return; }
    static const char *const old[] = { "wstr", "utf8_length", "utf8", "wstr_length" };
    static const char *const cur[] = { "utf8_length", "utf8" };
    bool has_wstr = h->L.str_ascii_header > 5u * W;
    uint64_t i = (off - 5 * (uint64_t)W) / W;
    const char *const *names = has_wstr ? old : cur;
    size_t nn = has_wstr ? 4 : 2;
    sb_puts(out, i < nn ? names[i] : "padding");
}

/* Name of the field at 'off' bytes from object 'o' (negative: GC head). */
static void field_name(Heap *h, Addr o, int64_t off, StrBuf *out)
{
    unsigned W = h->W;
    TypeId t = obj_type(h, o);
    if (off < 0) { sb_puts(out, off < -(int64_t)W ? "PyGC_Head._gc_next" : "PyGC_Head._gc_prev"); return; }
    uint64_t u = (uint64_t)off;
    if (u < W) { sb_puts(out, "ob_refcnt"); return; }
    if (u < 2 * (uint64_t)W) { sb_puts(out, "ob_type"); return; }
    switch (t) {
    case TY_INT: case TY_BOOL:
        if (u < 3 * (uint64_t)W) sb_puts(out, h->L.int_size_encoding == INT_SIZE_LV_TAG ? "lv_tag" : "ob_size");
        else sb_printf(out, "ob_digit[%" PRIu64 "]", (u - 3 * (uint64_t)W) / h->L.digit_bytes);
        return;
    case TY_FLOAT: sb_puts(out, "ob_fval"); return;
    case TY_STR: str_field(h, o, u, out); return;
    case TY_TUPLE:
        if (u < 3 * (uint64_t)W) sb_puts(out, "ob_size");
        else sb_printf(out, "ob_item[%" PRIu64 "]", (u - 3 * (uint64_t)W) / W);
        return;
    case TY_LIST: {
        static const char *const f[] = { "ob_size", "ob_item", "allocated" };
        uint64_t i = u / W - 2;
        sb_puts(out, i < 3 ? f[i] : "?");
        return;
    }
    case TY_DICT: {
        Addr keys = dict_keys_field(h, o) - o;
        if (u < 3 * (uint64_t)W) sb_puts(out, "ma_used");
        else if (u < keys) sb_puts(out, "ma_version_tag");
        else if (u < keys + W) sb_puts(out, "ma_keys");
        else sb_puts(out, "ma_values");
        return;
    }
    case TY_FUNCTION: {
        static const char *const f[] = { "func_globals", "func_name", "func_defaults", "func_code" };
        uint64_t i = u / W - 2;
        if (i < 4) sb_puts(out, f[i]); else sb_puts(out, "(rest of PyFunctionObject)");
        return;
    }
    case TY_TYPE: sb_printf(out, "+%" PRIu64, u); return;
    default: sb_printf(out, "field[%" PRIu64 "]", u / W - 2); return;
    }
}

static void keys_field(const Heap *h, Addr k, uint64_t off, StrBuf *out)
{
    unsigned W = h->W;
    if (off < W) { sb_puts(out, "dk_refcnt"); return; }
    if (off == W) { sb_puts(out, "dk_log2_size"); return; }
    if (off == W + 1) { sb_puts(out, "dk_log2_index_bytes"); return; }
    if (off == W + 2) { sb_puts(out, "dk_kind"); return; }
    if (off < 2 * (uint64_t)W) { sb_puts(out, "dk_version"); return; }
    if (off < 3 * (uint64_t)W) { sb_puts(out, "dk_usable"); return; }
    if (off < 4 * (uint64_t)W) { sb_puts(out, "dk_nentries"); return; }
    unsigned log2_ib = (unsigned)ram_rd(&h->ram, k + W + 1, 1);
    uint64_t ib = log2_ib < 48 ? (uint64_t)1 << log2_ib : 0;
    if (off < 4 * (uint64_t)W + ib) { sb_printf(out, "dk_indices+%" PRIu64, off - 4 * (uint64_t)W); return; }
    unsigned kind = (unsigned)ram_rd(&h->ram, k + W + 2, 1);
    unsigned ew = kind == 1 ? 2 : 3;
    uint64_t e = (off - 4 * (uint64_t)W - ib) / W;
    static const char *const gen[] = { "hash", "key", "value" };
    static const char *const uni[] = { "key", "value" };
    sb_printf(out, "entries[%" PRIu64 "].%s", e / ew, kind == 1 ? uni[e % ew] : gen[e % ew]);
}

/* "int @0x7f.. ob_refcnt", "frame #1 add r0(a)", ... Sets *obj and *off
** when the address lies in an object's struct (else *obj = 0). */
static void name_addr(Stepper *s, const MemIndex *ix, Addr a, StrBuf *out, Addr *obj, int64_t *off)
{
    Vm *vm = s->vm;
    Heap *h = vm->h;
    const Ram *ram = &h->ram;
    if (obj) *obj = 0;
    if (a >= ram->code && a < ram->code_end) {
        for (size_t c = 0; c < s->prog->nchunks; c++) {
            Addr lo = vm->code_addr[c], hi = lo + s->prog->chunks[c]->ncode * 4;
            if (a >= lo && a < hi) {
                size_t i = (size_t)((a - lo) / 4);
                sb_printf(out, "code of %s, word %zu (line %u)", s->prog->chunks[c]->name, i, s->prog->chunks[c]->pos[i].line);
                return;
            }
        }
        sb_puts(out, "code segment (unused)");
        return;
    }
    if (a >= ram->stack && a < ram->stack_end) {
        for (unsigned f = vm->nframes; f-- > 0;) {
            const Frame *fr = &vm->frames[f];
            const Chunk *ch = s->prog->chunks[fr->chunk];
            if (a >= fr->base && a < fr->base + (Addr)ch->nregs * h->W) {
                unsigned r = (unsigned)((a - fr->base) / h->W);
                if (r < ch->nlocals && ch->locals[r][0] != '.') sb_printf(out, "frame #%u %s r%u(%s)", f, ch->name, r, ch->locals[r]);
                else sb_printf(out, "frame #%u %s r%u", f, ch->name, r);
                return;
            }
        }
        sb_puts(out, "stack (no frame)");
        return;
    }
    const Ext *e = ix_find(ix, a);
    if (e) {
        if (e->kind == EX_OBJ) {
            int64_t o = (int64_t)(a - e->obj);
            sb_printf(out, "%s @0x%" PRIx64 " ", op_type_name(vm, e->obj), e->obj);
            field_name(h, e->obj, o, out);
            if (obj) { *obj = e->obj; *off = o; }
        } else if (e->kind == EX_LISTITEMS) {
            uint64_t i = (a - e->lo) / h->W;
            sb_printf(out, "list @0x%" PRIx64 " ob_item[%" PRIu64 "]%s", e->obj, i,
                      i >= list_len(h, e->obj) ? " (spare)" : "");
        } else {
            if (e->obj) sb_printf(out, "dict @0x%" PRIx64 " keys ", e->obj); else sb_puts(out, "empty dict keys ");
            keys_field(h, e->lo, a - e->lo, out);
        }
        return;
    }
    if (a >= ram->stat && a < ram->stat_end) { sb_puts(out, "static segment"); return; }
    if (a >= ram->heap && a < h->arena_top) {
        Addr pool = ram->heap + (a - ram->heap) / h->L.pool_size * h->L.pool_size;
        if (a - pool < h->L.pool_header) sb_printf(out, "pool header @0x%" PRIx64, pool);
        else sb_printf(out, "free block in pool @0x%" PRIx64, pool);
        return;
    }
    if (a >= h->large_top && a < ram->heap_end) { sb_puts(out, "large block (free)"); return; }
    sb_puts(out, "unused RAM");
}

/* ---------------- values ---------------- */

static void describe(Stepper *s, Addr v, StrBuf *out)
{
    if (!v) { sb_puts(out, "(empty)"); return; }
    trace_describe(s->vm, v, out);
}

/* A value that might be freed by now: its description only when still an object. */
static void describe_old(Stepper *s, const MemIndex *ix, Addr v, StrBuf *out)
{
    if (!v) { sb_puts(out, "(empty)"); return; }
    if (ix_object(ix, v)) describe(s, v, out);
    else sb_printf(out, "@0x%" PRIx64 " (freed)", v);
}

/* ---------------- the previous stop ---------------- */

static StpObj *sh_objs(StpShared *sh) { return (StpObj *)(void *)((char *)sh + sh->objs_off); }
static uint8_t *sh_ram(StpShared *sh) { return (uint8_t *)sh + sh->ram_off; }

typedef struct ObjVec { StpObj *v; size_t n, cap; Heap *h; } ObjVec;

static void collect(void *ud, Addr o)
{
    ObjVec *ov = ud;
    GROW_ARRAY(ov->v, ov->n, ov->cap);
    ov->v[ov->n++] = (StpObj){ o, obj_refcnt(ov->h, o), heap_sizeof(ov->h, o), (uint32_t)obj_type(ov->h, o), 0 };
}

/* Parts of RAM a stop records: statics, the used stack, arenas, large blocks. */
static void extents(Stepper *s, Addr lo[STP_EXTENTS], Addr hi[STP_EXTENTS])
{
    Vm *vm = s->vm;
    Heap *h = vm->h;
    Addr stack_hi = h->ram.stack;
    for (unsigned f = 0; f < vm->nframes; f++) {
        Addr e = vm->frames[f].base + (Addr)s->prog->chunks[vm->frames[f].chunk]->nregs * h->W;
        if (e > stack_hi) stack_hi = e;
    }
    lo[0] = h->ram.stat;  hi[0] = h->stat_top;
    lo[1] = h->ram.stack; hi[1] = stack_hi;
    lo[2] = h->ram.heap;  hi[2] = h->arena_top;
    lo[3] = h->large_top; hi[3] = h->ram.heap_end;
}

static bool in_list(const Addr *v, size_t n, Addr a)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t m = (lo + hi) / 2;
        if (v[m] == a) return true;
        if (v[m] < a) lo = m + 1; else hi = m;
    }
    return false;
}

static bool was_changed(const StpShared *sh, Addr a) { return in_list(sh->changed, sh->nchanged, a); }

enum { SHOW_LINES = 14 };

/* Compares now with the recorded stop, writes the change list into 'o',
** and records now. */
static void diff_and_record(Stepper *s, const MemIndex *ix, bool color, StrBuf *o, size_t *nlines)
{
    Vm *vm = s->vm;
    Heap *h = vm->h;
    Ram *ram = &h->ram;
    StpShared *sh = s->sh;
    unsigned W = h->W;
    Addr lo[STP_EXTENTS], hi[STP_EXTENTS];
    extents(s, lo, hi);
    ObjVec now = { NULL, 0, 0, h };
    heap_walk(h, collect, &now);
    uint8_t *mirror = sh_ram(sh);
    Addr *changed = NULL; size_t nchanged = 0, capchanged = 0;
    size_t n0 = o->len;
    *nlines = 0;
    if (sh->valid) {
        /* RAM words */
        for (unsigned x = 0; x < STP_EXTENTS; x++) {
            Addr a0 = lo[x] < sh->ext_lo[x] ? lo[x] : sh->ext_lo[x];
            Addr a1 = hi[x] > sh->ext_hi[x] ? hi[x] : sh->ext_hi[x];
            a0 -= (a0 - ram->base) % W;
            for (Addr a = a0; a + W <= a1; a += W) {
                size_t off = (size_t)(a - ram->base);
                if (memcmp(ram->mem + off, mirror + off, W)) {
                    GROW_ARRAY(changed, nchanged, capchanged);
                    changed[nchanged++] = a;
                }
            }
        }
        /* registers of the current frame */
        const StpObj *prev = sh_objs(sh);
        if (vm->nframes) {
            const Frame *f = &vm->frames[vm->nframes - 1];
            const Chunk *ch = s->prog->chunks[f->chunk];
            for (unsigned r = 0; r < ch->nregs; r++) {
                Addr a = f->base + (Addr)r * W;
                if (!in_list(changed, nchanged, a)) continue;
                Addr nv = ram_word(ram, a);
                uint64_t ov;
                if (!ram->big && W == 8) memcpy(&ov, mirror + (a - ram->base), 8);
                else { Ram tmp = *ram; ram_set_mem(&tmp, mirror); ov = ram_word(&tmp, a); }
                StrBuf d1, d2; sb_init(&d1); sb_init(&d2);
                describe(s, nv, &d1);
                describe_old(s, ix, ov, &d2);
                char nm[80];
                if (r < ch->nlocals && ch->locals[r][0] != '.') snprintf(nm, sizeof nm, "r%u(%s)", r, ch->locals[r]);
                else snprintf(nm, sizeof nm, "r%u", r);
                mline(o, color, MK_CHANGED, "%s = %s   (was %s)", nm, d1.s, d2.s);
                (*nlines)++;
                sb_free(&d1); sb_free(&d2);
            }
        }
        /* objects: new, freed, refcounts */
        size_t i = 0, j = 0, np = (size_t)sh->nobjs;
        StrBuf rc; sb_init(&rc);
        size_t nrc = 0;
        while (i < now.n || j < np) {
            if (j >= np || (i < now.n && now.v[i].addr < prev[j].addr)) {
                StrBuf d; sb_init(&d); describe(s, now.v[i].addr, &d);
                mline(o, color, MK_NEW, "new %s (%" PRIu64 " B, refcount %" PRIu64 ")", d.s, now.v[i].size, now.v[i].refcnt);
                (*nlines)++;
                sb_free(&d);
                i++;
            } else if (i >= now.n || prev[j].addr < now.v[i].addr) {
                mline(o, color, MK_FREED, "freed %s @0x%" PRIx64 " (%" PRIu64 " B)", heap_type_names[prev[j].type], prev[j].addr, prev[j].size);
                (*nlines)++;
                j++;
            } else {
                if (now.v[i].type != prev[j].type) {
                    mline(o, color, MK_FREED, "freed %s @0x%" PRIx64 " (%" PRIu64 " B)", heap_type_names[prev[j].type], prev[j].addr, prev[j].size);
                    StrBuf d; sb_init(&d); describe(s, now.v[i].addr, &d);
                    mline(o, color, MK_NEW, "new %s (%" PRIu64 " B, refcount %" PRIu64 ")", d.s, now.v[i].size, now.v[i].refcnt);
                    sb_free(&d);
                    *nlines += 2;
                } else if (now.v[i].refcnt != prev[j].refcnt) {
                    StrBuf d; sb_init(&d); describe(s, now.v[i].addr, &d);
                    sb_puts(&rc, color ? "  " : "");
                    sb_puts(&rc, mark_on(color, MK_CHANGED));
                    sb_printf(&rc, "refcount %s: %" PRIu64 " -> %" PRIu64, d.s, prev[j].refcnt, now.v[i].refcnt);
                    sb_puts(&rc, mark_off(color));
                    sb_putc(&rc, '\n');
                    nrc++;
                    sb_free(&d);
                }
                i++; j++;
            }
        }
        if (rc.len) { sb_put(o, rc.s, rc.len); *nlines += nrc; }
        sb_free(&rc);
        /* the other RAM words */
        Addr cur_lo = 0, cur_hi = 0;
        if (vm->nframes) {
            const Frame *f = &vm->frames[vm->nframes - 1];
            cur_lo = f->base;
            cur_hi = f->base + (Addr)s->prog->chunks[f->chunk]->nregs * W;
        }
        Ram old = *ram;
        ram_set_mem(&old, mirror);
        for (size_t k = 0; k < nchanged; k++) {
            Addr a = changed[k];
            if (a >= cur_lo && a < cur_hi) continue;           /* shown as registers */
            StrBuf nm; sb_init(&nm);
            Addr obj; int64_t off;
            name_addr(s, ix, a, &nm, &obj, &off);
            bool listed_rc = false, fresh = false;
            if (obj) {
                size_t lo2 = 0, hi2 = now.n;
                while (lo2 < hi2) { size_t m = (lo2 + hi2) / 2; if (now.v[m].addr < obj) lo2 = m + 1; else hi2 = m; }
                bool live_now = lo2 < now.n && now.v[lo2].addr == obj;
                size_t lo3 = 0, hi3 = np;
                while (lo3 < hi3) { size_t m = (lo3 + hi3) / 2; if (prev[m].addr < obj) lo3 = m + 1; else hi3 = m; }
                bool live_before = lo3 < np && prev[lo3].addr == obj;
                if (live_now && !live_before) fresh = true;        /* its bytes belong to "new" */
                if (off == 0 && live_now && live_before) listed_rc = true;
                if (off == 0 && heap_is_static(h, obj)) {
                    StrBuf d; sb_init(&d); describe(s, obj, &d);
                    mline(o, color, MK_CHANGED, "refcount %s: %" PRIu64 " -> %" PRIu64 " (static)", d.s,
                          ram_word(&old, a), ram_word(ram, a));
                    (*nlines)++;
                    sb_free(&d);
                    listed_rc = true;
                }
            }
            if (!listed_rc && !fresh) {
                mline(o, color, MK_CHANGED, "RAM[0x%" PRIx64 "] %s: 0x%" PRIx64 " -> 0x%" PRIx64, a, nm.s,
                      ram_word(&old, a), ram_word(ram, a));
                (*nlines)++;
            }
            sb_free(&nm);
        }
    }
    /* the full list for 'changes' */
    size_t n = o->len - n0;
    if (n > STP_CHANGES_TEXT - 1) n = STP_CHANGES_TEXT - 1;
    memcpy(sh->changes, o->s ? o->s + n0 : "", n);
    sh->changes[n] = 0;
    sh->changes_len = n;
    sh->nchanged = nchanged < STP_CHANGED_MAX ? (unsigned)nchanged : STP_CHANGED_MAX;
    if (nchanged) memcpy(sh->changed, changed, sh->nchanged * sizeof *changed);
    free(changed);
    /* record this stop */
    for (unsigned x = 0; x < STP_EXTENTS; x++) {
        Addr a0 = sh->valid && sh->ext_lo[x] < lo[x] ? sh->ext_lo[x] : lo[x];
        Addr a1 = sh->valid && sh->ext_hi[x] > hi[x] ? sh->ext_hi[x] : hi[x];
        if (a1 > a0) memcpy(mirror + (a0 - ram->base), ram->mem + (a0 - ram->base), (size_t)(a1 - a0));
        sh->ext_lo[x] = a0;
        sh->ext_hi[x] = a1;
    }
    size_t nobj = now.n < sh->objcap ? now.n : (size_t)sh->objcap;
    if (nobj) memcpy(sh_objs(sh), now.v, nobj * sizeof *now.v);
    sh->nobjs = nobj;
    free(now.v);
}

/* ---------------- the stop ---------------- */

static void show_source_line(Stepper *s, uint32_t line, bool color, StrBuf *o)
{
    size_t len;
    const char *src = program_line(s->prog, line, &len);
    sb_printf(o, "%s%5u ->  %.*s%s\n", mark_on(color, MK_CUR), line, (int)len, src ? src : "", mark_off(color));
}

static void show_where(Stepper *s, bool color, StrBuf *o)
{
    Vm *vm = s->vm;
    if (!vm->nframes) {
        sb_printf(o, "%sstep %" PRIu64 "%s  the program has finished\n", mark_on(color, MK_HEAD), vm->steps, mark_off(color));
        return;
    }
    const Frame *f = &vm->frames[vm->nframes - 1];
    const Chunk *ch = s->prog->chunks[f->chunk];
    uint32_t line = stp_line_at(s, f->chunk, f->pc);
    if (s->status == VM_ERROR) line = vm->err.ntb ? vm->err.tb[vm->err.ntb - 1].line : line;
    sb_printf(o, "%sstep %" PRIu64 "%s  line %u  in %s  (frame #%u)\n", mark_on(color, MK_HEAD), vm->steps,
              mark_off(color), line, ch->name, vm->nframes - 1);
    show_source_line(s, line, color, o);
    if (s->status == VM_ERROR) return;
    Instr ins = (Instr)ram_rd(&vm->h->ram, f->pc, 4);
    StrBuf d; sb_init(&d);
    dis_instruction(s->prog, f->chunk, ins, vm, &d);
    sb_printf(o, "       next  0x%" PRIx64 ": %08" PRIx32 "  %s\n", f->pc, ins, d.s ? d.s : "");
    sb_free(&d);
}

void stp_show_stop(Stepper *s, const StpStop *why, bool color, FILE *out)
{
    StpShared *sh = s->sh;
    StrBuf o; sb_init(&o);
    if (why && why->msg[0]) sb_printf(&o, "%s\n", why->msg);
    show_where(s, color, &o);
    MemIndex ix;
    ix_build(s, &ix);
    StrBuf ch; sb_init(&ch);
    size_t nlines = 0;
    uint64_t prev_step = sh->step;
    bool had = sh->valid;
    diff_and_record(s, &ix, color, &ch, &nlines);
    if (had) {
        if (!nlines) {
            sb_printf(&o, "  no change since step %" PRIu64 "\n", prev_step);
        } else {
            sb_printf(&o, "  changes since step %" PRIu64 ":\n", prev_step);
            size_t shown = 0, pos = 0;
            while (pos < ch.len && shown < SHOW_LINES) {
                const char *e = memchr(ch.s + pos, '\n', ch.len - pos);
                size_t n = e ? (size_t)(e - (ch.s + pos)) + 1 : ch.len - pos;
                sb_puts(&o, "  ");
                sb_put(&o, ch.s + pos, n);
                pos += n;
                shown++;
            }
            if (nlines > shown) sb_printf(&o, "    ... %zu more ('changes' lists them all)\n", nlines - shown);
        }
    }
    if (had && s->out.len > sh->out_len) {
        sb_printf(&o, "  output: ");
        StrBuf q; sb_init(&q);
        for (size_t i = (size_t)sh->out_len; i < s->out.len && q.len < 2000; i++) {
            char c = s->out.s[i];
            if (c == '\n') sb_puts(&q, "\\n");
            else if (c == '"' || c == '\\') { sb_putc(&q, '\\'); sb_putc(&q, c); }
            else sb_putc(&q, c);
        }
        sb_printf(&o, "\"%s\"%s\n", q.s ? q.s : "", q.len >= 2000 ? " ..." : "");
        sb_free(&q);
    }
    sb_free(&ch);
    ix_free(&ix);
    sh->valid = true;
    sh->step = s->vm->steps;
    sh->out_len = s->out.len;
    fputs(o.s ? o.s : "", out);
    sb_free(&o);
}

/* ---------------- inspection ---------------- */

/* The binding NAME at the current position: local of the current frame,
** global, or builtin. *where says which. */
static Addr lookup_name(Stepper *s, const char *name, const char **where, unsigned *reg)
{
    Vm *vm = s->vm;
    Heap *h = vm->h;
    if (vm->nframes > 1) {
        const Frame *f = &vm->frames[vm->nframes - 1];
        const Chunk *ch = s->prog->chunks[f->chunk];
        for (unsigned r = 0; r < ch->nlocals; r++) {
            if (!strcmp(ch->locals[r], name)) {
                *where = "local";
                *reg = r;
                return ram_word(&h->ram, f->base + (Addr)r * h->W);
            }
        }
    }
    if (name[0] == 'r' && name[1] >= '0' && name[1] <= '9' && vm->nframes) {
        char *end;
        unsigned long r = strtoul(name + 1, &end, 10);
        const Frame *f = &vm->frames[vm->nframes - 1];
        if (!*end && r < s->prog->chunks[f->chunk]->nregs) {
            *where = "register";
            *reg = (unsigned)r;
            return ram_word(&h->ram, f->base + (Addr)r * h->W);
        }
    }
    *where = "global";
    Addr v = vm->globals ? dict_get_str(h, vm->globals, name) : 0;
    if (v) return v;
    Addr nm = str_find_interned(h, name, strlen(name));
    if (nm) {
        v = builtins_lookup(vm, nm);
        if (v) { *where = "builtin"; return v; }
    }
    return 0;
}

static bool parse_addr(const char *t, Addr *a)
{
    char *end;
    unsigned long long v = strtoull(t, &end, 0);
    if (end == t || *end) return false;
    *a = v;
    return true;
}

static void cmd_print(Stepper *s, const char *name, FILE *out)
{
    Heap *h = s->vm->h;
    const char *where = NULL;
    unsigned reg = 0;
    Addr v = lookup_name(s, name, &where, &reg);
    if (!v) {
        if (!strcmp(where, "local") || !strcmp(where, "register")) fprintf(out, "%s: unbound (%s)\n", name, where);
        else fprintf(out, "No symbol \"%s\" in the current context.\n", name);
        return;
    }
    StrBuf r; sb_init(&r);
    op_repr(s->vm, v, &r);
    if (r.len > 400) { r.len = 400; r.s[400] = 0; sb_puts(&r, "..."); }
    fprintf(out, "%s = %s\n", name, r.s ? r.s : "");
    uint64_t rc = obj_refcnt(h, v);
    bool immortal = heap_is_static(h, v) && h->L.refcount_rule == RC_IMMORTAL && rc == h->L.static_refcnt;
    fprintf(out, "  binding  %s", where);
    if (!strcmp(where, "local") || !strcmp(where, "register")) {
        const Frame *f = &s->vm->frames[s->vm->nframes - 1];
        fprintf(out, " r%u of %s, RAM[0x%" PRIx64 "]", reg, s->prog->chunks[f->chunk]->name, f->base + (Addr)reg * h->W);
    }
    fprintf(out, "\n  id       0x%" PRIx64 " (%" PRIu64 ")%s\n", v, v, heap_is_static(h, v) ? "  static" : "");
    fprintf(out, "  type     %s\n", op_type_name(s->vm, v));
    fprintf(out, "  refcount %" PRIu64 "%s\n", rc, immortal ? " (immortal)" : "");
    fprintf(out, "  size     %" PRIu64 " bytes (sys.getsizeof)\n", heap_sizeof(h, v));
    sb_free(&r);
}

static void cmd_regs(Stepper *s, bool color, FILE *out)
{
    Vm *vm = s->vm;
    Heap *h = vm->h;
    if (!vm->nframes) { fprintf(out, "No frame: the program has finished.\n"); return; }
    const Frame *f = &vm->frames[vm->nframes - 1];
    const Chunk *ch = s->prog->chunks[f->chunk];
    fprintf(out, "frame #%u %s: pc 0x%" PRIx64 ", base 0x%" PRIx64 ", %u registers (%u locals)\n", vm->nframes - 1,
            ch->name, f->pc, f->base, ch->nregs, ch->nlocals);
    for (unsigned r = 0; r < ch->nregs; r++) {
        Addr a = f->base + (Addr)r * h->W;
        Addr v = ram_word(&h->ram, a);
        char nm[80];
        if (r < ch->nlocals && ch->locals[r][0] != '.') snprintf(nm, sizeof nm, "r%u(%s)", r, ch->locals[r]);
        else snprintf(nm, sizeof nm, "r%u", r);
        StrBuf d; sb_init(&d); describe(s, v, &d);
        bool chg = was_changed(s->sh, a);
        fprintf(out, "%s%s%-14s [0x%" PRIx64 "] = %s%s\n", color ? "  " : chg ? "" : "  ",
                chg ? mark_on(color, MK_CHANGED) : "", nm, a, d.s, chg ? mark_off(color) : "");
        sb_free(&d);
    }
}

static void cmd_bt(Stepper *s, FILE *out)
{
    Vm *vm = s->vm;
    Heap *h = vm->h;
    if (!vm->nframes) { fprintf(out, "No stack: the program has finished.\n"); return; }
    for (unsigned i = vm->nframes; i-- > 0;) {
        const Frame *f = &vm->frames[i];
        const Chunk *ch = s->prog->chunks[f->chunk];
        uint32_t line = stp_line_at(s, f->chunk, i == vm->nframes - 1 ? f->pc : f->pc - 4);
        fprintf(out, "%s#%u  %s(", i == vm->nframes - 1 ? "->" : "  ", i, ch->name);
        for (unsigned p = 0; p < ch->nparams; p++) {
            StrBuf d; sb_init(&d);
            Addr v = ram_word(&h->ram, f->base + (Addr)p * h->W);
            if (v) op_repr(vm, v, &d); else sb_puts(&d, "<unbound>");
            if (d.len > 40) { d.len = 40; d.s[40] = 0; sb_puts(&d, "..."); }
            fprintf(out, "%s%s=%s", p ? ", " : "", ch->locals[p], d.s);
            sb_free(&d);
        }
        fprintf(out, ")  line %u  pc 0x%" PRIx64 "  registers at 0x%" PRIx64 "\n", line, f->pc, f->base);
    }
}

typedef struct HeapStat { uint64_t count[TY__COUNT], bytes[TY__COUNT]; } HeapStat;

static void cmd_heap(Stepper *s, const char *filter, const char *limit_s, bool color, FILE *out)
{
    Vm *vm = s->vm;
    Heap *h = vm->h;
    ObjVec all = { NULL, 0, 0, h };
    heap_walk(h, collect, &all);
    uint64_t limit = 50;
    if (limit_s) {
        if (!strcmp(limit_s, "all")) limit = UINT64_MAX;
        else limit = strtoull(limit_s, NULL, 10);
    }
    Addr id = 0;
    bool by_id = filter && parse_addr(filter, &id);
    if (!filter) {
        HeapStat st;
        memset(&st, 0, sizeof st);
        uint64_t bytes = 0;
        for (size_t i = 0; i < all.n; i++) { st.count[all.v[i].type]++; st.bytes[all.v[i].type] += all.v[i].size; bytes += all.v[i].size; }
        fprintf(out, "%zu live objects, %" PRIu64 " bytes (sys.getsizeof), statics not counted\n", all.n, bytes);
        fprintf(out, "  %-28s %8s %10s\n", "type", "objects", "bytes");
        for (unsigned t = 0; t < TY__COUNT; t++)
            if (st.count[t]) fprintf(out, "  %-28s %8" PRIu64 " %10" PRIu64 "\n", heap_type_names[t], st.count[t], st.bytes[t]);
        fprintf(out, "'heap TYPE [N|all]' lists objects of a type, 'heap ID' one object.\n");
        free(all.v);
        return;
    }
    uint64_t shown = 0, matched = 0;
    const StpObj *prev = sh_objs(s->sh);
    for (size_t i = 0; i < all.n; i++) {
        const StpObj *ob = &all.v[i];
        if (by_id ? ob->addr != id : strcmp(heap_type_names[ob->type], filter) && strcmp(op_type_name(vm, ob->addr), filter)) continue;
        matched++;
        if (shown >= limit) continue;
        shown++;
        /* new since the previous stop? (the record is this stop by now, so compare with 'changes') */
        (void)prev;
        StrBuf d; sb_init(&d); describe(s, ob->addr, &d);
        fprintf(out, "  0x%" PRIx64 "  %-40s refcount %-10" PRIu64 " %" PRIu64 " B\n", ob->addr, d.s, ob->refcnt, ob->size);
        sb_free(&d);
    }
    (void)color;
    if (by_id && !matched) {
        if (heap_is_static(h, id)) fprintf(out, "0x%" PRIx64 " is in the static segment; see 'obj 0x%" PRIx64 "'\n", id, id);
        else fprintf(out, "No live object with id 0x%" PRIx64 ".\n", id);
    } else if (!by_id) {
        fprintf(out, "%" PRIu64 " %s object%s", matched, filter, matched == 1 ? "" : "s");
        if (matched > shown) fprintf(out, " (%" PRIu64 " shown; 'heap %s all' lists every one)", shown, filter);
        fputc('\n', out);
    }
    free(all.v);
}

/* One row per word: address, hex bytes, binary bytes, field and value. */
static void mem_rows(Stepper *s, const MemIndex *ix, Addr a, uint64_t len, bool binary, bool color, FILE *out)
{
    Vm *vm = s->vm;
    Heap *h = vm->h;
    unsigned W = h->W;
    Addr start = a - (a - h->ram.base) % W;
    Addr end = a + len;
    for (Addr p = start; p < end; p += W) {
        if (!ram_valid(&h->ram, p, W)) { fprintf(out, "0x%" PRIx64 "  (outside simulated RAM)\n", p); break; }
        bool chg = was_changed(s->sh, p);
        StrBuf row; sb_init(&row);
        sb_printf(&row, "0x%" PRIx64 " ", p);
        const uint8_t *b = ram_ptr(&h->ram, p);
        for (unsigned i = 0; i < W; i++) sb_printf(&row, " %02x", b[i]);
        if (binary) {
            sb_puts(&row, " ");
            for (unsigned i = 0; i < W; i++) {
                sb_putc(&row, ' ');
                for (int k = 7; k >= 0; k--) sb_putc(&row, (b[i] >> k) & 1 ? '1' : '0');
            }
        }
        StrBuf nm; sb_init(&nm);
        Addr obj; int64_t off;
        name_addr(s, ix, p, &nm, &obj, &off);
        uint64_t v = ram_word(&h->ram, p);
        sb_printf(&row, "  %s = ", nm.s);
        const Ext *tgt = v ? ix_object(ix, v) : NULL;
        if (tgt) { StrBuf d; sb_init(&d); describe(s, v, &d); sb_printf(&row, "-> %s", d.s); sb_free(&d); }
        else if (v < 0x100000000ull) sb_printf(&row, "%" PRIu64, v);
        else sb_printf(&row, "0x%" PRIx64, v);
        fprintf(out, "%s%s%s%s\n", color ? "  " : chg ? "* " : "  ", chg ? mark_on(color, MK_CHANGED) : "",
                row.s, chg ? mark_off(color) : "");
        sb_free(&nm);
        sb_free(&row);
    }
}

static bool resolve_target(Stepper *s, const char *t, Addr *a, FILE *out)
{
    if (parse_addr(t, a)) return true;
    const char *where;
    unsigned reg;
    Addr v = lookup_name(s, t, &where, &reg);
    if (!v) { fprintf(out, "'%s' is neither an address nor a bound name.\n", t); return false; }
    *a = v;
    return true;
}

static void cmd_mem(Stepper *s, const char *at, const char *len_s, bool color, FILE *out)
{
    Heap *h = s->vm->h;
    Addr a;
    if (!resolve_target(s, at, &a, out)) return;
    MemIndex ix;
    ix_build(s, &ix);
    uint64_t len = 0;
    if (len_s) len = strtoull(len_s, NULL, 0);
    if (!len) {
        const Ext *e = ix_object(&ix, a);
        len = e ? e->hi - a : 4 * (uint64_t)h->W;
        if (e && e->lo < a) { len += a - e->lo; a = e->lo; }
    }
    if (len > 4096) len = 4096;
    if (!ram_valid(&h->ram, a, 1)) { fprintf(out, "0x%" PRIx64 " is outside simulated RAM.\n", a); ix_free(&ix); return; }
    mem_rows(s, &ix, a, len, true, color, out);
    ix_free(&ix);
}

static void cmd_obj(Stepper *s, const char *at, bool color, FILE *out)
{
    Vm *vm = s->vm;
    Heap *h = vm->h;
    Addr a;
    if (!resolve_target(s, at, &a, out)) return;
    MemIndex ix;
    ix_build(s, &ix);
    const Ext *e = ix_object(&ix, a);
    if (!e) {
        StrBuf nm; sb_init(&nm);
        name_addr(s, &ix, a, &nm, NULL, NULL);
        fprintf(out, "No object starts at 0x%" PRIx64 " (%s).\n", a, nm.s);
        sb_free(&nm);
        ix_free(&ix);
        return;
    }
    StrBuf d; sb_init(&d); describe(s, a, &d);
    uint64_t rc = obj_refcnt(h, a);
    fprintf(out, "%s\n  refcount %" PRIu64 "%s, sys.getsizeof %" PRIu64 " B, struct %" PRIu64 " B at 0x%" PRIx64 "%s\n", d.s, rc,
            heap_is_static(h, a) ? " (static object)" : "", heap_sizeof(h, a), e->hi - e->lo, e->lo,
            heap_gc(h, obj_type(h, a)) ? " (PyGC_Head first)" : "");
    sb_free(&d);
    mem_rows(s, &ix, e->lo, e->hi - e->lo, false, color, out);
    TypeId t = obj_type(h, a);
    if (t == TY_LIST && list_items(h, a)) {
        fprintf(out, "  ob_item block 0x%" PRIx64 ": %zu used of %zu\n", list_items(h, a), list_len(h, a), list_capacity(h, a));
        size_t n = list_len(h, a);
        for (size_t i = 0; i < n && i < 64; i++) {
            StrBuf v; sb_init(&v); describe(s, list_get(h, a, i), &v);
            fprintf(out, "    [%zu] %s\n", i, v.s);
            sb_free(&v);
        }
        if (n > 64) fprintf(out, "    ... %zu more\n", n - 64);
    } else if (t == TY_TUPLE) {
        size_t n = tuple_len(h, a);
        for (size_t i = 0; i < n && i < 64; i++) {
            StrBuf v; sb_init(&v); describe(s, tuple_get(h, a, i), &v);
            fprintf(out, "    [%zu] %s\n", i, v.s);
            sb_free(&v);
        }
    } else if (t == TY_DICT) {
        size_t pos = 0, k = 0;
        Addr key, val;
        fprintf(out, "  keys table 0x%" PRIx64 "\n", ram_word(&h->ram, dict_keys_field(h, a)));
        while (dict_next(h, a, &pos, &key, &val) && k < 64) {
            StrBuf x, y; sb_init(&x); sb_init(&y);
            describe(s, key, &x); describe(s, val, &y);
            fprintf(out, "    %s: %s\n", x.s, y.s);
            sb_free(&x); sb_free(&y);
            k++;
        }
    }
    ix_free(&ix);
}

static void cmd_output(Stepper *s, FILE *out)
{
    if (!s->out.len) { fprintf(out, "(no output yet)\n"); return; }
    fwrite(s->out.s, 1, s->out.len, out);
    if (s->out.s[s->out.len - 1] != '\n') fputc('\n', out);
}

bool stp_query(Stepper *s, const char *line, bool color, FILE *out)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", line);
    char *argv[8];
    int argc = 0;
    for (char *t = strtok(buf, " \t"); t && argc < 8; t = strtok(NULL, " \t")) argv[argc++] = t;
    if (!argc) return false;
    const char *c = argv[0];
    if (!strcmp(c, "p") || !strcmp(c, "print")) {
        if (argc < 2) fprintf(out, "usage: p NAME\n");
        else cmd_print(s, argv[1], out);
    } else if (!strcmp(c, "regs") || !strcmp(c, "registers")) {
        cmd_regs(s, color, out);
    } else if (!strcmp(c, "bt") || !strcmp(c, "backtrace") || !strcmp(c, "where")) {
        cmd_bt(s, out);
    } else if (!strcmp(c, "heap")) {
        cmd_heap(s, argc > 1 ? argv[1] : NULL, argc > 2 ? argv[2] : NULL, color, out);
    } else if (!strcmp(c, "mem") || !strcmp(c, "x")) {
        if (argc < 2) fprintf(out, "usage: mem ADDR|NAME [LEN]\n");
        else cmd_mem(s, argv[1], argc > 2 ? argv[2] : NULL, color, out);
    } else if (!strcmp(c, "obj")) {
        if (argc < 2) fprintf(out, "usage: obj ID|NAME\n");
        else cmd_obj(s, argv[1], color, out);
    } else if (!strcmp(c, "output") || !strcmp(c, "out")) {
        cmd_output(s, out);
    } else if (!strcmp(c, "changes")) {
        if (!s->sh->changes_len) fprintf(out, "No changes recorded for the last move.\n");
        else fwrite(s->sh->changes, 1, s->sh->changes_len, out);
    } else if (!strcmp(c, "state-hash")) {
        fprintf(out, "state %016" PRIx64 " at step %" PRIu64 "\n", stp_state_hash(s), s->vm->steps);
    } else if (!strcmp(c, "frame") || !strcmp(c, "info-where")) {
        StrBuf o; sb_init(&o);
        show_where(s, color, &o);
        fputs(o.s ? o.s : "", out);
        sb_free(&o);
    } else {
        return false;
    }
    return true;
}
