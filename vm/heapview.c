/*
** vm/heapview.c: 'tracevm run --heap': the live objects after a run, one
** line each (id, type, getsizeof, refcount, value, the names bound to it),
** and with --heap=bytes every object's bytes in hex and binary, grouped by
** field in the profile's byte order: the notes' "bits and bytes" made
** visible for real objects.
*/
#include "vm/heapview.h"

#include <stdlib.h>
#include <string.h>

#include "vm/ops.h"

typedef struct Field { const char *name; uint64_t off; unsigned size; } Field;

/* The fields of object 'o' as CPython declares them (offsets from the id;
** negative offsets are the GC header). Returns how many were written. */
static int fields_of(Vm *vm, Addr o, Field *f, int max)
{
    Heap *h = vm->h;
    unsigned W = h->W;
    TypeId t = obj_type(h, o);
    int n = 0;
#define ADD(nm, off_, sz) do { if (n < max) f[n++] = (Field){ (nm), (uint64_t)(off_), (sz) }; } while (0)
    if (heap_type_gc[t]) {
        ADD("_gc_next", -(int64_t)(2 * W), W);
        ADD("_gc_prev", -(int64_t)W, W);
    }
    ADD("ob_refcnt", 0, W);
    ADD("ob_type", W, W);
    switch (t) {
    case TY_INT: case TY_BOOL: {
        ADD(h->L.int_size_encoding == INT_SIZE_LV_TAG ? "lv_tag" : "ob_size", 2 * W, W);
        size_t nd = int_ndigits(h, o);
        static const char *const dn[] = { "digit[0]", "digit[1]", "digit[2]", "digit[3]", "digit[4]", "digit[5]", "digit[6]", "digit[7]" };
        for (size_t i = 0; i < (nd ? nd : 1) && i < 8; i++) ADD(dn[i], 3 * W + i * h->L.digit_bytes, h->L.digit_bytes);
        if (nd > 8) ADD("digit[8..]", 3 * W + 8 * h->L.digit_bytes, (unsigned)((nd - 8) * h->L.digit_bytes));
        break;
    }
    case TY_FLOAT: ADD("ob_fval", 2 * W, 8); break;
    case TY_STR: {
        ADD("length", 2 * W, W);
        ADD("hash", 3 * W, W);
        ADD("state", 4 * W, 4);
        bool ascii = str_is_ascii(h, o);
        uint64_t hdr = ascii ? h->L.str_ascii_header : h->L.str_compact_header;
        if (!ascii) {
            ADD("utf8_length", h->L.str_ascii_header, W);
            ADD("utf8", h->L.str_ascii_header + W, W);
        }
        uint64_t data = (uint64_t)(str_len(h, o) + 1) * str_kind(h, o);
        ADD("data (with NUL)", hdr, (unsigned)(data > 64 ? 64 : data));
        break;
    }
    case TY_TUPLE: {
        ADD("ob_size", 2 * W, W);
        static const char *const in[] = { "ob_item[0]", "ob_item[1]", "ob_item[2]", "ob_item[3]", "ob_item[4]", "ob_item[5]" };
        for (size_t i = 0; i < tuple_len(h, o) && i < 6; i++) ADD(in[i], (3 + i) * W, W);
        break;
    }
    case TY_LIST:
        ADD("ob_size", 2 * W, W);
        ADD("ob_item", 3 * W, W);
        ADD("allocated", 4 * W, W);
        break;
    case TY_DICT: {
        ADD("ma_used", 2 * W, W);
        uint64_t v = h->dict_version_at;
        ADD("ma_version_tag", v, 8);
        ADD("ma_keys", v + 8, W);
        ADD("ma_values", v + 8 + W, W);
        break;
    }
    case TY_RANGEITER: case TY_LONGRANGEITER: {     /* C longs, or ints */
        static const char *const rn[] = { "index", "start", "step", "len" };
        for (unsigned i = h->range_iter_index ? 0 : 1; i < 4; i++)
            ADD(rn[i], (2 + i - (h->range_iter_index ? 0 : 1)) * W, W);
        break;
    }
    default: {
        unsigned nf = heap_owned_fields(h, o, t);
        static const char *const fn[] = { "field[0]", "field[1]", "field[2]", "field[3]" };
        for (unsigned i = 0; i < nf && i < 4; i++) ADD(fn[i], (2 + i) * W, W);
        break;
    }
    }
#undef ADD
    return n;
}

typedef struct Walk {
    Vm *vm;
    FILE *out;
    bool bytes;
} Walk;

static void names_of(Vm *vm, Addr o, StrBuf *out)
{
    Heap *h = vm->h;
    if (!vm->globals) return;
    size_t pos = 0;
    Addr k, v;
    bool first = true;
    while (dict_next(h, vm->globals, &pos, &k, &v)) {
        if (v != o || str_eq_cstr(h, k, "__name__")) continue;
        sb_puts(out, first ? "" : ", ");
        str_to_utf8(h, k, out);
        first = false;
    }
}

static void value_of(Vm *vm, Addr o, StrBuf *out)
{
    Heap *h = vm->h;
    TypeId t = obj_type(h, o);
    StrBuf r; sb_init(&r);
    if (t == TY_INT && int_ndigits(h, o) > 8) sb_printf(&r, "<int of %zu digits>", int_ndigits(h, o));
    else op_repr(vm, o, &r);
    if (r.len > 48) {
        r.len = 45;
        sb_puts(&r, "...");
    }
    sb_put(out, r.s ? r.s : "", r.len);
    sb_free(&r);
}

static void dump_bytes(Walk *w, Addr o)
{
    Heap *h = w->vm->h;
    Field f[24];
    int n = fields_of(w->vm, o, f, 24);
    for (int i = 0; i < n; i++) {
        Addr a = o + f[i].off;
        fprintf(w->out, "      %-16s %+-5lld", f[i].name, (long long)(int64_t)f[i].off);
        const uint8_t *p = ram_ptr(&h->ram, a);
        unsigned show = f[i].size > 16 ? 16 : f[i].size;
        StrBuf hex, bin;
        sb_init(&hex); sb_init(&bin);
        for (unsigned k = 0; k < show; k++) {
            sb_printf(&hex, "%02x%s", p[k], k + 1 < show ? " " : "");
            for (int b = 7; b >= 0; b--) sb_putc(&bin, (char)('0' + ((p[k] >> b) & 1)));
            if (k + 1 < show) sb_putc(&bin, ' ');
        }
        fprintf(w->out, " %-47s %s%s\n", hex.s ? hex.s : "", bin.s ? bin.s : "", f[i].size > show ? " ..." : "");
        sb_free(&hex); sb_free(&bin);
    }
}

static void show(Walk *w, Addr o)
{
    Vm *vm = w->vm;
    Heap *h = vm->h;
    StrBuf names, value;
    sb_init(&names); sb_init(&value);
    names_of(vm, o, &names);
    value_of(vm, o, &value);
    uint64_t rc = obj_refcnt(h, o);
    if (h->W == 4) rc = (uint32_t)rc;
    fprintf(w->out, "0x%-14llx %-22s %6llu %10llu  %-48s %s\n", (unsigned long long)o, op_type_name(vm, o),
            (unsigned long long)heap_sizeof(h, o), (unsigned long long)rc, value.s ? value.s : "", names.s ? names.s : "");
    if (w->bytes) dump_bytes(w, o);
    sb_free(&names); sb_free(&value);
}

static void walk_one(void *ud, Addr o) { show(ud, o); }

void heapview_print(Vm *vm, FILE *out, bool bytes)
{
    Heap *h = vm->h;
    Walk w = { vm, out, bytes };
    fprintf(out, "live objects in simulated RAM (%s, %s-endian):\n", vm->prof.name, h->L.big_endian ? "big" : "little");
    fprintf(out, "%-16s %-22s %6s %10s  %-48s %s\n", "id", "type", "size", "refcount", "value", "names");
    heap_walk(h, walk_one, &w);
    /* statics (small ints, singletons) are not heap objects; show the named ones */
    if (vm->globals) {
        size_t pos = 0;
        Addr k, v;
        bool header = false;
        Addr *seen = NULL;
        size_t nseen = 0, capseen = 0;
        while (dict_next(h, vm->globals, &pos, &k, &v)) {
            if (!heap_is_static(h, v) || obj_type(h, v) == TY_BUILTIN || obj_type(h, v) == TY_TYPE) continue;
            bool dup = false;
            for (size_t i = 0; i < nseen; i++) if (seen[i] == v) dup = true;
            if (dup) continue;
            GROW_ARRAY(seen, nseen, capseen);
            seen[nseen++] = v;
            if (!header) { fprintf(out, "static objects bound to names:\n"); header = true; }
            show(&w, v);
        }
        free(seen);
    }
    fprintf(out, "%llu live heap objects, %llu bytes in use, high-water mark %llu bytes\n",
            (unsigned long long)heap_live_count(h), (unsigned long long)h->live_bytes, (unsigned long long)h->peak_bytes);
}
