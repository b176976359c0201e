/*
** vm/trace_events.c: the json and yaml traces (schema: docs/trace-format.md).
**
** A step's events are kept as small records with their strings in one
** arena, both reused from step to step; values are described when the event
** happens (an object may be gone by the end of the step). The writer has
** one small interface (maps, sequences, keys, scalars) with two back ends:
** JSON written by hand (escaped, one step per line) and YAML through
** libyaml's emitter. Both stream: nothing of a written step is kept.
** Text from the program (output, str values) is made valid UTF-8 first:
** invalid bytes become U+FFFD.
*/
#include "vm/trace_events.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "vm/ops.h"
#include "vm/trace.h"

#define NONE SIZE_MAX

typedef struct Tev {
    TevKind kind;
    unsigned num;               /* register, constant index, argument count */
    Addr addr;                  /* RAM address of the slot read or written */
    unsigned size;
    bool has_val;
    Addr val;                   /* value id, 0 = empty */
    size_t vtype, vrepr;        /* its description (arena offsets) */
    size_t text, name, field;   /* arena offsets or NONE */
    uint64_t before, after;
    Addr aux;                   /* global name (str) of a store */
    bool b1, b2;
} Tev;

struct TevStep {
    Vm *vm;
    uint64_t step;
    uint32_t line, chunk;
    Addr pc;
    Instr ins;
    size_t instr;
    Tev *ev; size_t n, cap;
    StrBuf arena;
    StrBuf ty, repr;            /* set_value's scratch, kept from event to event */
};

TevStep *tev_step_new(void)
{
    TevStep *s = xcalloc(1, sizeof *s);
    sb_init(&s->arena);
    return s;
}

void tev_step_free(TevStep *s)
{
    if (!s) return;
    free(s->ev);
    sb_free(&s->arena);
    sb_free(&s->ty);
    sb_free(&s->repr);
    free(s);
}

static size_t put(TevStep *s, const char *text, size_t n)
{
    size_t at = s->arena.len;
    sb_put(&s->arena, text ? text : "", n);
    sb_putc(&s->arena, 0);
    return at;
}

static size_t puts_(TevStep *s, const char *text) { return put(s, text, text ? strlen(text) : 0); }

/* A string built in the arena piece by piece: arena_text(s), then the
** pieces, then arena_done(s, at) for its offset (no printf per event). */
static size_t arena_text(TevStep *s) { return s->arena.len; }
static void arena_str(TevStep *s, const char *t) { sb_puts(&s->arena, t); }
static void arena_dec(TevStep *s, uint64_t v)
{
    char b[24], *p = b + sizeof b;
    do { *--p = (char)('0' + v % 10); v /= 10; } while (v);
    sb_put(&s->arena, p, (size_t)(b + sizeof b - p));
}
static size_t arena_done(TevStep *s, size_t at) { sb_putc(&s->arena, 0); return at; }

/* "rN(name)" for a named local of 'ch', else "rN". */
static void arena_reg(TevStep *s, const Chunk *ch, unsigned r)
{
    sb_putc(&s->arena, 'r');
    arena_dec(s, r);
    if (r < ch->nlocals && ch->locals[r][0] != '.') {
        sb_putc(&s->arena, '(');
        arena_str(s, ch->locals[r]);
        sb_putc(&s->arena, ')');
    }
}

static const char *str_at(const TevStep *s, size_t off) { return off == NONE ? NULL : s->arena.s + off; }

static Tev *add(TevStep *s, TevKind kind)
{
    GROW_ARRAY(s->ev, s->n, s->cap);
    Tev *e = &s->ev[s->n++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->text = e->name = e->field = e->vtype = e->vrepr = NONE;
    return e;
}

static void set_value(TevStep *s, Tev *e, Addr v)
{
    e->has_val = true;
    e->val = v;
    if (!v) return;
    sb_clear(&s->ty);
    sb_clear(&s->repr);
    trace_value_parts(s->vm, v, &s->ty, &s->repr);
    e->vtype = put(s, s->ty.s, s->ty.len);
    e->vrepr = put(s, s->repr.s, s->repr.len);
}

static void describe_into(TevStep *s, Addr v, StrBuf *out)
{
    trace_describe(s->vm, v, out);
}

void tev_begin(TevStep *s, Vm *vm, uint64_t step, uint32_t line, uint32_t chunk, Addr pc, Instr ins, const char *instr)
{
    s->vm = vm;
    s->n = 0;
    sb_clear(&s->arena);
    s->step = step;
    s->line = line;
    s->chunk = chunk;
    s->pc = pc;
    s->ins = ins;
    s->instr = puts_(s, instr);
    Tev *e = add(s, TEV_FETCH);
    e->addr = pc;
    e->size = 4;
    e->before = ins;
    size_t at = arena_text(s);
    arena_str(s, "code of ");
    arena_str(s, vm->prog->chunks[chunk]->name);
    arena_str(s, ", word ");
    arena_dec(s, (pc - vm->code_addr[chunk]) / 4);
    e->field = arena_done(s, at);
}

void tev_reg(TevStep *s, TevKind kind, uint32_t chunk, unsigned r, Addr v)
{
    Vm *vm = s->vm;
    Tev *e = add(s, kind);
    e->num = r;
    e->size = vm->h->W;
    /* 'name' as the table writes it (locals of the instruction's function);
    ** 'field' names the frame the register really belongs to: a RETURN
    ** writes into the caller's window */
    size_t at = arena_text(s);
    arena_reg(s, vm->prog->chunks[chunk], r);
    e->name = arena_done(s, at);
    const Frame *f = vm->nframes ? &vm->frames[vm->nframes - 1] : NULL;
    if (f) {
        const Chunk *ch = vm->prog->chunks[f->chunk];
        e->addr = f->base + (Addr)r * vm->h->W;
        at = arena_text(s);
        arena_str(s, "frame #");
        arena_dec(s, vm->nframes - 1);
        sb_putc(&s->arena, ' ');
        arena_str(s, ch->name);
        sb_putc(&s->arena, ' ');
        arena_reg(s, ch, r);
        e->field = arena_done(s, at);
    }
    set_value(s, e, v);
}

void tev_const(TevStep *s, unsigned k, Addr v)
{
    Tev *e = add(s, TEV_CONST_READ);
    e->num = k;
    set_value(s, e, v);
}

/* Address of the value slot of 'name' in the module's dict, 0 if absent.
** Reads the PyDictKeysObject as heap/obj_dict.c lays it out. */
static Addr global_slot(Vm *vm, Addr name)
{
    Heap *h = vm->h;
    unsigned W = h->W;
    Addr d = vm->globals;
    if (!d || !name) return 0;
    Addr k = ram_word(&h->ram, d + h->dict_version_at + 8);
    if (!k) return 0;
    unsigned log2_ib = (unsigned)ram_rd(&h->ram, k + W + 1, 1);
    unsigned kind = (unsigned)ram_rd(&h->ram, k + W + 2, 1);
    uint64_t ne = ram_word(&h->ram, k + 3 * W);
    if (log2_ib > 40) return 0;
    Addr entries = k + 4 * W + ((Addr)1 << log2_ib);
    unsigned ew = kind == 1 ? 2 : 3, koff = kind == 1 ? 0 : W;
    for (uint64_t i = 0; i < ne; i++) {
        Addr e = entries + i * ew * W;
        Addr key = ram_word(&h->ram, e + koff);
        if (key == name || (key && obj_type(h, key) == TY_STR && str_eq(h, key, name))) return e + koff + W;
    }
    return 0;
}

void tev_global(TevStep *s, bool store, Addr name, Addr v)
{
    Tev *e = add(s, store ? TEV_RAM_WRITE : TEV_RAM_READ);
    StrBuf n; sb_init(&n);
    str_to_utf8(s->vm->h, name, &n);
    e->name = put(s, n.s, n.len);
    size_t at = arena_text(s);
    arena_str(s, "globals['");
    sb_put(&s->arena, n.s ? n.s : "", n.len);
    arena_str(s, "'] value");
    e->field = arena_done(s, at);
    sb_free(&n);
    e->size = s->vm->h->W;
    if (store) e->aux = name;           /* the slot may not exist until the store */
    else e->addr = global_slot(s->vm, name);
    set_value(s, e, v);
}

void tev_compute(TevStep *s, const char *text, Addr result)
{
    Tev *e = add(s, TEV_COMPUTE);
    e->text = puts_(s, text);
    set_value(s, e, result);
}

void tev_branch(TevStep *s, int truth, bool jump)
{
    Tev *e = add(s, TEV_BRANCH);
    e->b1 = truth != 0;
    e->b2 = jump;
    char t[32];
    snprintf(t, sizeof t, "%s: %s", truth ? "true" : "false", jump ? "jump" : "no jump");
    e->text = puts_(s, t);
}

void tev_call(TevStep *s, Addr f, unsigned nargs)
{
    Tev *e = add(s, TEV_CALL);
    e->num = nargs;
    char t[48];
    snprintf(t, sizeof t, "call with %u arg%s", nargs, nargs == 1 ? "" : "s");
    e->text = puts_(s, t);
    set_value(s, e, f);
}

void tev_method(TevStep *s, Addr self, Addr name, unsigned nargs)
{
    Tev *e = add(s, TEV_METHOD);
    e->num = nargs;
    StrBuf n; sb_init(&n);
    str_to_utf8(s->vm->h, name, &n);
    e->name = put(s, n.s, n.len);
    StrBuf t; sb_init(&t);
    sb_printf(&t, ".%s(%u arg%s)", n.s ? n.s : "", nargs, nargs == 1 ? "" : "s");
    e->text = put(s, t.s, t.len);
    sb_free(&t); sb_free(&n);
    set_value(s, e, self);
}

void tev_return(TevStep *s, Addr v, bool to_caller)
{
    Tev *e = add(s, TEV_RETURN);
    e->b1 = to_caller;
    StrBuf t; sb_init(&t);
    sb_puts(&t, to_caller ? "return " : "end of program: ");
    describe_into(s, v, &t);
    e->text = put(s, t.s, t.len);
    sb_free(&t);
    set_value(s, e, v);
}

void tev_value(TevStep *s, TevKind kind, Addr v)
{
    Tev *e = add(s, kind);
    StrBuf t; sb_init(&t);
    sb_puts(&t, "built ");
    describe_into(s, v, &t);
    e->text = put(s, t.s, t.len);
    sb_free(&t);
    set_value(s, e, v);
}

void tev_next(TevStep *s, Addr v, const char *text)
{
    Tev *e = add(s, TEV_NEXT);
    e->text = puts_(s, text);
    set_value(s, e, v);
}

void tev_output(TevStep *s, const char *text, size_t n)
{
    Tev *e = add(s, TEV_OUTPUT);
    e->text = put(s, text, n);
    e->num = (unsigned)n;
}

void tev_error(TevStep *s, const char *kind, const char *msg)
{
    Tev *e = add(s, TEV_ERROR);
    e->name = puts_(s, kind);
    e->text = puts_(s, msg ? msg : "");
}

void tev_note(TevStep *s, const char *text)
{
    Tev *e = add(s, TEV_NOTE);
    e->text = puts_(s, text);
}

void tev_heap(TevStep *s, const HeapEvent *he)
{
    static const TevKind kinds[] = { [HEV_ALLOC] = TEV_ALLOC, [HEV_FREE] = TEV_FREE,
                                     [HEV_REFCNT] = TEV_REFCOUNT, [HEV_CACHED] = TEV_CACHED,
                                     [HEV_RESIZE] = TEV_RESIZE };
    Tev *e = add(s, kinds[he->kind]);
    e->val = he->addr;
    e->addr = he->addr;
    e->size = (unsigned)he->size;
    e->before = he->before;
    e->after = he->after;
    e->name = puts_(s, heap_type_names[he->type]);
    if (he->kind == HEV_REFCNT) e->size = s->vm->h->W;
}

/* ---------------- the writer ---------------- */

enum { MAXDEPTH = 16 };

struct TevWriter {
    Vm *vm;
    FILE *out;
    bool yaml;
    yaml_emitter_t em;
    bool failed;
    int depth;
    bool is_map[MAXDEPTH];
    uint64_t count[MAXDEPTH];
    bool lines[MAXDEPTH];       /* json: one element per line */
    uint64_t steps;
    char *err_kind, *err_msg;
    char **notes; size_t nnotes, capnotes;
    StrBuf tmp;
    StrBuf jb;                  /* json: the text of the current step */
};

/* Valid UTF-8 copy of s[0..n): invalid bytes become U+FFFD. */
static void clean_utf8(const char *s, size_t n, StrBuf *out)
{
    sb_clear(out);
    sb_reserve(out, n);
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0;                     /* valid bytes not copied yet */
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) { i++; continue; }
        uint32_t cp;
        int k = utf8_decode(u + i, n - i, &cp);
        if (k > 0) { i += (size_t)k; continue; }
        sb_put(out, s + run, i - run);
        sb_puts(out, "\xEF\xBF\xBD");
        run = ++i;
    }
    sb_put(out, s + run, n - run);
}

static void y_emit(TevWriter *w, yaml_event_t *ev)
{
    if (w->failed) { yaml_event_delete(ev); return; }
    if (!yaml_emitter_emit(&w->em, ev)) {
        w->failed = true;
        fprintf(stderr, "tracevm: error: writing the YAML trace: %s\n", w->em.problem ? w->em.problem : "unknown");
    }
}

static void y_scalar(TevWriter *w, const char *s, size_t n, bool quoted)
{
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)(uintptr_t)s, (int)n, 1, 1,
                                 quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_PLAIN_SCALAR_STYLE);
    y_emit(w, &ev);
}

/* json: the separator before a value in the current container */
static void j_sep(TevWriter *w)
{
    if (w->depth == 0) return;
    int d = w->depth - 1;
    if (!w->is_map[d]) {
        if (w->count[d]++) sb_puts(&w->jb, w->lines[d] ? ",\n" : ", ");
        else if (w->lines[d]) sb_putc(&w->jb, '\n');
    }
}

/* Bytes a JSON string cannot hold as they are. */
static bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\' || c == 0x7f; }

/* "s" for n bytes that need no escape: one copy. */
static void j_plain(StrBuf *b, const char *s, size_t n)
{
    sb_reserve(b, n + 2);
    b->s[b->len++] = '"';
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len++] = '"';
    b->s[b->len] = 0;
}

static void j_string(StrBuf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && !needs_escape((unsigned char)s[i])) i++;
    if (i == n) { j_plain(b, s, n); return; }      /* the common case */
    sb_reserve(b, n + 2);
    sb_putc(b, '"');
    size_t run = 0;                     /* bytes that need no escape, copied at once */
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[8];
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            if (c < 0x20 || c == 0x7f) { snprintf(u, sizeof u, "\\u%04x", c); esc = u; }
        }
        if (!esc) continue;
        sb_put(b, s + run, i - run);
        sb_puts(b, esc);
        run = i + 1;
    }
    sb_put(b, s + run, n - run);
    sb_putc(b, '"');
}

static void w_begin(TevWriter *w, bool map, bool flow, bool lines)
{
    if (w->yaml) {
        yaml_event_t ev;
        if (map) yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
        else yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
        y_emit(w, &ev);
    } else {
        j_sep(w);
        sb_putc(&w->jb, map ? '{' : '[');
    }
    if (w->depth < MAXDEPTH) {
        w->is_map[w->depth] = map;
        w->count[w->depth] = 0;
        w->lines[w->depth] = lines;
    }
    w->depth++;
}

static void w_end(TevWriter *w)
{
    w->depth--;
    bool map = w->is_map[w->depth];
    if (w->yaml) {
        yaml_event_t ev;
        if (map) yaml_mapping_end_event_initialize(&ev);
        else yaml_sequence_end_event_initialize(&ev);
        y_emit(w, &ev);
    } else {
        if (w->lines[w->depth] && w->count[w->depth]) sb_putc(&w->jb, '\n');
        sb_putc(&w->jb, map ? '}' : ']');
    }
}

/* Keys are the writer's own identifiers: nothing to escape. */
static void w_key(TevWriter *w, const char *k)
{
    size_t n = strlen(k);
    if (w->yaml) { y_scalar(w, k, n, false); return; }
    int d = w->depth - 1;
    StrBuf *b = &w->jb;
    sb_reserve(b, n + 6);
    char *p = b->s + b->len;
    if (w->count[d]++) { *p++ = ','; *p++ = ' '; }
    *p++ = '"';
    memcpy(p, k, n);
    p += n;
    *p++ = '"'; *p++ = ':'; *p++ = ' ';
    *p = 0;
    b->len = (size_t)(p - b->s);
}

static void w_str(TevWriter *w, const char *s, size_t n)
{
    if (!s) s = "", n = 0;
    size_t i = 0;                       /* one pass: plain ASCII needs no work */
    while (i < n && (unsigned char)s[i] < 0x80 && !needs_escape((unsigned char)s[i])) i++;
    if (i == n && !w->yaml) {
        j_sep(w);
        j_plain(&w->jb, s, n);
        return;
    }
    while (i < n && (unsigned char)s[i] < 0x80) i++;
    if (i < n) {                        /* not all ASCII: valid UTF-8 only */
        clean_utf8(s, n, &w->tmp);
        s = w->tmp.s;
        n = w->tmp.len;
    }
    if (w->yaml) { y_scalar(w, s, n, true); return; }
    j_sep(w);
    j_string(&w->jb, s, n);
}

static void w_cstr(TevWriter *w, const char *s) { w_str(w, s, s ? strlen(s) : 0); }

static void w_raw(TevWriter *w, const char *lit)
{
    if (w->yaml) { y_scalar(w, lit, strlen(lit), false); return; }
    j_sep(w);
    sb_puts(&w->jb, lit);
}

static void w_u64(TevWriter *w, uint64_t v)
{
    char b[24], *p = b + sizeof b;
    *--p = 0;
    do { *--p = (char)('0' + v % 10); v /= 10; } while (v);
    w_raw(w, p);
}

static void w_hex(TevWriter *w, uint64_t v, int digits)
{
    char b[24], *p = b + sizeof b;
    *--p = 0;
    do { *--p = "0123456789abcdef"[v & 15]; v >>= 4; digits--; } while (v || digits > 0);
    *--p = 'x';
    *--p = '0';
    w_str(w, p, (size_t)(b + sizeof b - 1 - p));
}

static void kv_str(TevWriter *w, const char *k, const char *v) { w_key(w, k); w_cstr(w, v); }
static void kv_u64(TevWriter *w, const char *k, uint64_t v) { w_key(w, k); w_u64(w, v); }
static void kv_hex(TevWriter *w, const char *k, uint64_t v) { w_key(w, k); w_hex(w, v, 1); }
static void kv_bool(TevWriter *w, const char *k, bool v) { w_key(w, k); w_raw(w, v ? "true" : "false"); }

/* json: writes out what the current step built */
static void j_flush(TevWriter *w)
{
    if (w->jb.len) fwrite(w->jb.s, 1, w->jb.len, w->out);
    sb_clear(&w->jb);
}

TevWriter *tev_writer_new(Vm *vm, FILE *out, bool yaml)
{
    TevWriter *w = xcalloc(1, sizeof *w);
    w->vm = vm;
    w->out = out;
    w->yaml = yaml;
    sb_init(&w->tmp);
    sb_init(&w->jb);
    if (yaml) {
        yaml_emitter_initialize(&w->em);
        yaml_emitter_set_output_file(&w->em, out);
        yaml_emitter_set_unicode(&w->em, 1);
        yaml_emitter_set_width(&w->em, -1);
        yaml_event_t ev;
        yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
        y_emit(w, &ev);
        yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 0);
        y_emit(w, &ev);
    }
    w_begin(w, true, false, false);
    kv_str(w, "format", "tracevm-trace");
    kv_u64(w, "version", TEV_SCHEMA_VERSION);
    kv_str(w, "program", vm->prog->path);
    kv_str(w, "profile", vm->prof.name);
    kv_str(w, "python", vm->prof.python_version);
    kv_u64(w, "word_size", vm->h->W);
    kv_str(w, "byte_order", vm->h->ram.big ? "big" : "little");
    w_key(w, "steps");
    w_begin(w, false, false, true);
    if (!yaml) j_flush(w);
    return w;
}

static void value(TevWriter *w, const TevStep *s, const Tev *e)
{
    if (!e->val) { w_raw(w, "null"); return; }
    w_begin(w, true, true, false);
    kv_hex(w, "id", e->val);
    kv_str(w, "type", str_at(s, e->vtype));
    kv_str(w, "repr", str_at(s, e->vrepr));
    w_end(w);
}

static const char *const kind_names[] = {
    [TEV_FETCH] = "fetch", [TEV_REG_READ] = "reg_read", [TEV_REG_WRITE] = "reg_write",
    [TEV_CONST_READ] = "const_read", [TEV_RAM_READ] = "ram_read", [TEV_RAM_WRITE] = "ram_write",
    [TEV_COMPUTE] = "compute", [TEV_BRANCH] = "branch", [TEV_CALL] = "call", [TEV_METHOD] = "method",
    [TEV_RETURN] = "return", [TEV_BUILD] = "build", [TEV_NEXT] = "next", [TEV_ALLOC] = "alloc",
    [TEV_FREE] = "free", [TEV_REFCOUNT] = "refcount", [TEV_CACHED] = "cached", [TEV_OUTPUT] = "output",
    [TEV_ERROR] = "error", [TEV_NOTE] = "note", [TEV_RESIZE] = "resize",
};

static void event(TevWriter *w, const TevStep *s, const Tev *e)
{
    w_begin(w, true, true, false);
    kv_str(w, "event", kind_names[e->kind]);
    switch (e->kind) {
    case TEV_FETCH:
        kv_hex(w, "addr", e->addr);
        kv_u64(w, "size", e->size);
        w_key(w, "value"); w_hex(w, e->before, 8);
        kv_str(w, "field", str_at(s, e->field));
        break;
    case TEV_REG_READ: case TEV_REG_WRITE:
        kv_u64(w, "reg", e->num);
        kv_str(w, "name", str_at(s, e->name));
        if (e->addr) { kv_hex(w, "addr", e->addr); kv_u64(w, "size", e->size); kv_str(w, "field", str_at(s, e->field)); }
        w_key(w, "value"); value(w, s, e);
        break;
    case TEV_CONST_READ:
        kv_u64(w, "k", e->num);
        w_key(w, "value"); value(w, s, e);
        break;
    case TEV_RAM_READ: case TEV_RAM_WRITE: {
        Addr a = e->kind == TEV_RAM_WRITE ? global_slot(s->vm, e->aux) : e->addr;
        kv_str(w, "name", str_at(s, e->name));
        if (a) kv_hex(w, "addr", a); else { w_key(w, "addr"); w_raw(w, "null"); }
        kv_u64(w, "size", e->size);
        kv_str(w, "field", str_at(s, e->field));
        w_key(w, "value"); value(w, s, e);
        break;
    }
    case TEV_COMPUTE: case TEV_BUILD: case TEV_NEXT:
        kv_str(w, "text", str_at(s, e->text));
        w_key(w, e->kind == TEV_COMPUTE ? "result" : "value"); value(w, s, e);
        break;
    case TEV_BRANCH:
        kv_bool(w, "truth", e->b1);
        kv_bool(w, "jump", e->b2);
        kv_str(w, "text", str_at(s, e->text));
        break;
    case TEV_CALL:
        kv_u64(w, "nargs", e->num);
        w_key(w, "callee"); value(w, s, e);
        kv_str(w, "text", str_at(s, e->text));
        break;
    case TEV_METHOD:
        kv_str(w, "name", str_at(s, e->name));
        kv_u64(w, "nargs", e->num);
        w_key(w, "self"); value(w, s, e);
        kv_str(w, "text", str_at(s, e->text));
        break;
    case TEV_RETURN:
        kv_bool(w, "to_caller", e->b1);
        w_key(w, "value"); value(w, s, e);
        kv_str(w, "text", str_at(s, e->text));
        break;
    case TEV_ALLOC: case TEV_FREE:
        kv_hex(w, "id", e->val);
        kv_str(w, "type", str_at(s, e->name));
        kv_u64(w, "size", e->size);
        break;
    case TEV_REFCOUNT:
        kv_hex(w, "id", e->val);
        kv_str(w, "type", str_at(s, e->name));
        kv_hex(w, "addr", e->addr);
        kv_u64(w, "size", e->size);
        kv_str(w, "field", "ob_refcnt");
        kv_u64(w, "before", e->before);
        kv_u64(w, "after", e->after);
        break;
    case TEV_CACHED:
        kv_hex(w, "id", e->val);
        kv_str(w, "type", str_at(s, e->name));
        break;
    case TEV_RESIZE:
        kv_hex(w, "id", e->val);
        kv_str(w, "type", str_at(s, e->name));
        kv_u64(w, "before", e->before);
        kv_u64(w, "after", e->after);
        break;
    case TEV_OUTPUT:
        w_key(w, "text"); w_str(w, str_at(s, e->text), e->num);
        break;
    case TEV_ERROR:
        kv_str(w, "kind", str_at(s, e->name));
        kv_str(w, "message", str_at(s, e->text));
        break;
    case TEV_NOTE:
        kv_str(w, "text", str_at(s, e->text));
        break;
    }
    w_end(w);
}

void tev_writer_step(TevWriter *w, TevStep *s)
{
    const Program *p = s->vm->prog;
    w_begin(w, true, false, false);
    kv_u64(w, "step", s->step);
    kv_u64(w, "line", s->line);
    kv_str(w, "function", p->chunks[s->chunk]->name);
    kv_hex(w, "pc", s->pc);
    w_key(w, "offset"); w_hex(w, s->pc - s->vm->code_addr[s->chunk], 4);
    w_key(w, "word"); w_hex(w, s->ins, 8);
    kv_str(w, "instruction", str_at(s, s->instr));
    w_key(w, "events");
    w_begin(w, false, false, false);
    for (size_t i = 0; i < s->n; i++) event(w, s, &s->ev[i]);
    w_end(w);
    w_end(w);
    w->steps++;
    if (!w->yaml) j_flush(w);
    if (w->yaml && !(w->steps & 1023) && !w->failed) yaml_emitter_flush(&w->em);
}

void tev_writer_error(TevWriter *w, const char *kind, const char *msg)
{
    free(w->err_kind);
    free(w->err_msg);
    w->err_kind = xstrdup(kind);
    w->err_msg = xstrdup(msg ? msg : "");
}

void tev_writer_note(TevWriter *w, const char *text)
{
    GROW_ARRAY(w->notes, w->nnotes, w->capnotes);
    w->notes[w->nnotes++] = xstrdup(text);
}

void tev_writer_finish(TevWriter *w)
{
    Vm *vm = w->vm;
    w_end(w);                                   /* steps */
    w_key(w, "result");
    w_begin(w, true, false, false);
    const char *status = w->err_kind ? "error"
                       : !vm->nframes && vm->started ? "ok"
                       : vm->max_steps && vm->steps >= vm->max_steps ? "step_limit" : "stopped";
    kv_str(w, "status", status);
    kv_u64(w, "steps", vm->steps);
    kv_u64(w, "steps_written", w->steps);
    if (w->err_kind) {
        w_key(w, "error");
        w_begin(w, true, true, false);
        kv_str(w, "kind", w->err_kind);
        kv_str(w, "message", w->err_msg);
        w_end(w);
    }
    if (w->nnotes) {
        w_key(w, "notes");
        w_begin(w, false, false, false);
        for (size_t i = 0; i < w->nnotes; i++) w_cstr(w, w->notes[i]);
        w_end(w);
    }
    w_end(w);
    w_end(w);                                   /* document */
    if (w->yaml) {
        yaml_event_t ev;
        yaml_document_end_event_initialize(&ev, 1);
        y_emit(w, &ev);
        yaml_stream_end_event_initialize(&ev);
        y_emit(w, &ev);
        yaml_emitter_flush(&w->em);
        yaml_emitter_delete(&w->em);
    } else {
        sb_putc(&w->jb, '\n');
        j_flush(w);
    }
    fflush(w->out);
    for (size_t i = 0; i < w->nnotes; i++) free(w->notes[i]);
    free(w->notes);
    free(w->err_kind);
    free(w->err_msg);
    sb_free(&w->tmp);
    sb_free(&w->jb);
    free(w);
}
