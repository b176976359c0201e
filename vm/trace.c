/*
** vm/trace.c: turns the CPU's and the heap's events into rows.
**   table:   step | line | pc | instruction | fetch | compute | store
**   explain: one plain sentence per instruction ("Multiply x * y in CPU
**            registers: 5 * 10 = 50").
** A row is built while its instruction runs and written when it ends, so
** memory use does not grow with the length of the run. Every value shows
** its id (simulated address), so rows are identical on every machine.
*/
#include "vm/trace.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vm/disasm.h"
#include "vm/ops.h"
#include "vm/trace_events.h"

struct Tracer {
    Vm *vm;
    FILE *out;
    TraceFormat fmt;
    bool in_step;
    bool skip;                  /* this step is outside --steps / --lines */
    uint64_t step;
    uint32_t line;
    Addr pc;
    Addr offset;                /* pc - the first word of the chunk */
    Instr ins;
    uint32_t chunk;
    StrBuf instr, fetch, compute, store, row;
    bool header_done;
    TraceFilter filter;
    TevStep *ev;                /* json / yaml: the events of the step */
    TevWriter *w;
    bool finished, failed;      /* the module returned / an error was raised */
    char ***dis;                /* chunk -> instruction -> its disassembly, made once */
};

/*
** The table fits 120 columns. The widths below add up to 120 with one space
** between columns; a cell item wider than its column wraps at a space and
** goes on two spaces in. The pc column is the offset in the function's code
** (as `tracevm dis` shows it); the fetch column shows the word's address.
*/
enum { TABLE_WIDTH = 120, W_STEP = 6, W_LINE = 4, W_PC = 6, W_INSTR = 20, W_FETCH = 29, W_COMPUTE = 17 };
enum { W_STORE = TABLE_WIDTH - (W_STEP + W_LINE + W_PC + W_INSTR + W_FETCH + W_COMPUTE + 6) };

static void heap_event(void *ud, const HeapEvent *e);

Tracer *trace_new(Vm *vm, FILE *out, TraceFormat fmt)
{
    Tracer *t = xcalloc(1, sizeof *t);
    t->vm = vm;
    t->out = out;
    t->fmt = fmt;
    sb_init(&t->instr); sb_init(&t->fetch); sb_init(&t->compute); sb_init(&t->store); sb_init(&t->row);
    if (fmt == TRACE_JSON || fmt == TRACE_YAML) {
        t->ev = tev_step_new();
        t->w = tev_writer_new(vm, out, fmt == TRACE_YAML);
    }
    vm->tr = t;
    heap_set_observer(vm->h, heap_event, t);
    return t;
}

void trace_set_filter(Tracer *t, const TraceFilter *f) { t->filter = *f; }

void trace_free(Tracer *t)
{
    if (!t) return;
    if (t->in_step) trace_end(t);
    heap_set_observer(t->vm->h, NULL, NULL);
    t->vm->tr = NULL;
    if (t->w) {
        tev_writer_finish(t->w);
        tev_step_free(t->ev);
    }
    sb_free(&t->instr); sb_free(&t->fetch); sb_free(&t->compute); sb_free(&t->store); sb_free(&t->row);
    if (t->dis) {
        const Program *p = t->vm->prog;
        for (uint32_t c = 0; c < p->nchunks; c++) {
            if (!t->dis[c]) continue;
            for (size_t i = 0; i < p->chunks[c]->ncode; i++) free(t->dis[c][i]);
            free(t->dis[c]);
        }
        free(t->dis);
    }
    fflush(t->out);
    free(t);
}

/* The short form of a value: what the table shows after its type. */
static void value_repr(Vm *vm, Addr v, StrBuf *r)
{
    Heap *h = vm->h;
    switch (obj_type(h, v)) {
    case TY_INT:
        if (int_ndigits(h, v) > 4) { sb_putc(r, '<'); sb_put_u64(r, int_ndigits(h, v)); sb_puts(r, " digits>"); }
        else op_repr(vm, v, r);
        break;
    case TY_BOOL: case TY_FLOAT: case TY_NONE: op_repr(vm, v, r); break;
    case TY_STR: op_repr_str_cut(vm, v, str_len(h, v) > 16 ? 12 : SIZE_MAX, r); break;
    case TY_LIST: sb_puts(r, "len "); sb_put_u64(r, list_len(h, v)); break;
    case TY_TUPLE: sb_puts(r, "len "); sb_put_u64(r, tuple_len(h, v)); break;
    case TY_DICT: sb_puts(r, "len "); sb_put_u64(r, dict_len(h, v)); break;
    case TY_BUILTIN: { extern const char *vm_builtin_name(Vm *, Addr); sb_puts(r, vm_builtin_name(vm, v)); break; }
    case TY_FUNCTION: str_to_utf8(h, obj_field(h, v, 1), r); break;
    default: break;
    }
}

/* "int 5 @0x7f0000100a60" — short, exact, and deterministic */
void trace_describe(Vm *vm, Addr v, StrBuf *out)
{
    if (!v) { sb_puts(out, "(empty)"); return; }
    sb_puts(out, op_type_name(vm, v));
    size_t mark = out->len;
    sb_putc(out, ' ');
    value_repr(vm, v, out);
    if (out->len == mark + 1) out->s[out->len = mark] = '\0';     /* nothing short to say */
    sb_puts(out, " @0x");
    sb_put_hex(out, v, 1);
}

void trace_value_parts(Vm *vm, Addr v, StrBuf *type, StrBuf *out)
{
    sb_puts(type, op_type_name(vm, v));
    value_repr(vm, v, out);
}

static void describe(Tracer *t, Addr v, StrBuf *out) { trace_describe(t->vm, v, out); }

/* json / yaml record events instead of building the table's cells */
static bool events(const Tracer *t) { return t->ev != NULL; }
/* Hooks do nothing for a step that is filtered out, or outside a step. */
static bool idle(const Tracer *t) { return t->skip || !t->in_step; }

static void item(StrBuf *cell, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Starts a new item of 'cell' (its items are its lines) and returns it,
** for the hot paths that append the pieces themselves. */
static StrBuf *item_new(StrBuf *cell)
{
    if (cell->len) sb_putc(cell, '\n');
    return cell;
}

static void compute(Tracer *t, const char *text, Addr result)
{
    if (events(t)) tev_compute(t->ev, text, result);
    else sb_puts(item_new(&t->compute), text);
}

static void item(StrBuf *cell, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void item(StrBuf *cell, const char *fmt, ...)
{
    if (cell->len) sb_putc(cell, '\n');
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(cell, fmt, ap);
    va_end(ap);
}

/* "r2(result) = int 30 @0x..." as a new item of 'cell' */
static void reg_item(Tracer *t, StrBuf *cell, unsigned r, Addr v)
{
    const Chunk *ch = t->vm->prog->chunks[t->chunk];
    StrBuf *o = item_new(cell);
    sb_putc(o, 'r');
    sb_put_u64(o, r);
    if (r < ch->nlocals && ch->locals[r][0] != '.') { sb_putc(o, '('); sb_puts(o, ch->locals[r]); sb_putc(o, ')'); }
    sb_puts(o, " = ");
    trace_describe(t->vm, v, o);
}

void trace_begin(Tracer *t, uint32_t chunk, Addr pc, Instr ins, uint32_t line)
{
    if (t->in_step) trace_end(t);
    t->in_step = true;
    t->step = t->vm->steps;             /* vm_run counts the step before this hook */
    const TraceFilter *f = &t->filter;
    t->skip = (f->step_hi && (t->step < f->step_lo || t->step > f->step_hi)) ||
              (f->line_hi && (line < f->line_lo || line > f->line_hi));
    if (t->skip) return;
    t->chunk = chunk;
    t->pc = pc;
    t->offset = pc - t->vm->code_addr[chunk];
    t->ins = ins;
    t->line = line;
    sb_clear(&t->instr); sb_clear(&t->fetch); sb_clear(&t->compute); sb_clear(&t->store);
    /* an instruction's words never change: disassemble each one once */
    const Program *p = t->vm->prog;
    size_t k = (size_t)(t->offset / 4);
    if (!t->dis) t->dis = xcalloc(p->nchunks, sizeof *t->dis);
    if (!t->dis[chunk]) t->dis[chunk] = xcalloc(p->chunks[chunk]->ncode + 1, sizeof **t->dis);
    if (k < p->chunks[chunk]->ncode) {
        if (!t->dis[chunk][k]) {
            dis_instruction(p, chunk, ins, t->vm, &t->instr);
            t->dis[chunk][k] = xstrdup(t->instr.s ? t->instr.s : "");
        } else {
            sb_puts(&t->instr, t->dis[chunk][k]);
        }
    } else {
        dis_instruction(p, chunk, ins, t->vm, &t->instr);
    }
    if (events(t)) {
        tev_begin(t->ev, t->vm, t->step, line, chunk, pc, ins, t->instr.s ? t->instr.s : "");
        return;
    }
    StrBuf *o = item_new(&t->fetch);
    sb_puts(o, "[0x");
    sb_put_hex(o, pc, 1);
    sb_puts(o, "] = ");
    sb_put_hex(o, ins, 8);
}

void trace_reg_read(Tracer *t, unsigned r, Addr v)
{
    if (idle(t)) return;
    if (events(t)) { tev_reg(t->ev, TEV_REG_READ, t->chunk, r, v); return; }
    reg_item(t, &t->fetch, r, v);
}

void trace_operand(Tracer *t, unsigned x, Addr v)
{
    if (x & XK_BIT) { trace_const_read(t, x & ~XK_BIT, v); return; }
    trace_reg_read(t, x, v);
}

void trace_const_read(Tracer *t, unsigned k, Addr v)
{
    if (idle(t)) return;
    if (events(t)) { tev_const(t->ev, k, v); return; }
    StrBuf *o = item_new(&t->fetch);
    sb_putc(o, 'k');
    sb_put_u64(o, k);
    sb_puts(o, " = ");
    describe(t, v, o);
}

void trace_reg_write(Tracer *t, unsigned r, Addr v)
{
    if (idle(t)) return;
    if (events(t)) { tev_reg(t->ev, TEV_REG_WRITE, t->chunk, r, v); return; }
    reg_item(t, &t->store, r, v);
}

void trace_global(Tracer *t, bool store, Addr name, Addr v)
{
    if (idle(t)) return;
    if (events(t)) { tev_global(t->ev, store, name, v); return; }
    StrBuf *o = item_new(store ? &t->store : &t->fetch);
    sb_puts(o, "RAM[");
    str_to_utf8(t->vm->h, name, o);
    sb_puts(o, store ? "] = " : "] -> ");
    describe(t, v, o);
}

static void short_value(Tracer *t, Addr v, StrBuf *out)
{
    Heap *h = t->vm->h;
    TypeId ty = obj_type(h, v);
    if ((ty == TY_INT && int_ndigits(h, v) <= 4) || ty == TY_FLOAT || ty == TY_BOOL || ty == TY_NONE ||
        (ty == TY_STR && str_len(h, v) <= 12)) op_repr(t->vm, v, out);
    else { sb_putc(out, '<'); sb_puts(out, op_type_name(t->vm, v)); sb_putc(out, '>'); }
}

static const char *op_symbol(OpCode op)
{
    switch (op) {
    case OP_ADD: case OP_IADD: return "+"; case OP_IMUL: return "*"; case OP_SUB: return "-"; case OP_MUL: return "*"; case OP_DIV: return "/";
    case OP_FLOORDIV: return "//"; case OP_MOD: return "%"; case OP_POW: return "**";
    case OP_LSHIFT: return "<<"; case OP_RSHIFT: return ">>"; case OP_BITAND: return "&";
    case OP_BITOR: return "|"; case OP_BITXOR: return "^"; case OP_EQ: return "==";
    case OP_NE: return "!="; case OP_LT: return "<"; case OP_LE: return "<="; case OP_GT: return ">";
    case OP_GE: return ">="; case OP_IS: return "is"; case OP_ISNOT: return "is not";
    case OP_IN: return "in"; case OP_NOTIN: return "not in";
    case OP_NEG: return "-"; case OP_POS: return "+"; case OP_INVERT: return "~"; case OP_NOT: return "not ";
    default: return "?";
    }
}

void trace_binary(Tracer *t, OpCode op, Addr x, Addr y, Addr r)
{
    if (idle(t)) return;
    StrBuf s; sb_init(&s);
    short_value(t, x, &s);
    if (op == OP_GETITEM) { sb_putc(&s, '['); short_value(t, y, &s); sb_puts(&s, "] = "); }
    else { sb_putc(&s, ' '); sb_puts(&s, op_symbol(op)); sb_putc(&s, ' '); short_value(t, y, &s); sb_puts(&s, " = "); }
    short_value(t, r, &s);
    compute(t, s.s, r);
    sb_free(&s);
}

void trace_unary(Tracer *t, OpCode op, Addr x, Addr r)
{
    if (idle(t)) return;
    StrBuf s; sb_init(&s);
    sb_puts(&s, op_symbol(op));
    short_value(t, x, &s);
    sb_puts(&s, " = ");
    short_value(t, r, &s);
    compute(t, s.s, r);
    sb_free(&s);
}

void trace_branch(Tracer *t, Addr x, int truth, bool jump)
{
    (void)x;
    if (idle(t)) return;
    if (events(t)) { tev_branch(t->ev, truth, jump); return; }
    item(&t->compute, "%s: %s", truth ? "true" : "false", jump ? "jump" : "no jump");
}

void trace_call(Tracer *t, Addr f, unsigned nargs)
{
    if (idle(t)) return;
    if (events(t)) { tev_call(t->ev, f, nargs); return; }
    StrBuf d; sb_init(&d);
    describe(t, f, &d);
    item(&t->compute, "call with %u arg%s", nargs, nargs == 1 ? "" : "s");
    item(&t->fetch, "callee %s", d.s);
    sb_free(&d);
}

void trace_method(Tracer *t, Addr self, Addr name, unsigned nargs)
{
    if (idle(t)) return;
    if (events(t)) { tev_method(t->ev, self, name, nargs); return; }
    StrBuf n; sb_init(&n);
    str_to_utf8(t->vm->h, name, &n);
    StrBuf d; sb_init(&d);
    describe(t, self, &d);
    item(&t->fetch, "self %s", d.s);
    item(&t->compute, ".%s(%u arg%s)", n.s, nargs, nargs == 1 ? "" : "s");
    sb_free(&n); sb_free(&d);
}

void trace_return(Tracer *t, Addr v, bool to_caller)
{
    if (!to_caller) t->finished = true;
    /* what the step writes from here on lands in the caller's registers */
    else if (t->vm->nframes > 1) t->chunk = t->vm->frames[t->vm->nframes - 2].chunk;
    if (idle(t)) return;
    if (events(t)) { tev_return(t->ev, v, to_caller); return; }
    StrBuf d; sb_init(&d);
    describe(t, v, &d);
    item(&t->compute, "%s %s", to_caller ? "return" : "end of program:", d.s);
    sb_free(&d);
}

void trace_built(Tracer *t, Addr o)
{
    if (idle(t)) return;
    if (events(t)) { tev_value(t->ev, TEV_BUILD, o); return; }
    StrBuf d; sb_init(&d);
    describe(t, o, &d);
    item(&t->compute, "built %s", d.s);
    sb_free(&d);
}

void trace_next(Tracer *t, Addr v)
{
    if (idle(t)) return;
    if (events(t)) {
        StrBuf s; sb_init(&s);
        if (v) { sb_puts(&s, "next item "); short_value(t, v, &s); }
        else sb_puts(&s, "iterator exhausted: jump");
        tev_next(t->ev, v, s.s);
        sb_free(&s);
        return;
    }
    if (!v) { item(&t->compute, "iterator exhausted: jump"); return; }
    StrBuf s; sb_init(&s);
    short_value(t, v, &s);
    item(&t->compute, "next item %s", s.s);
    sb_free(&s);
}

void trace_output(Tracer *t, const char *s, size_t n)
{
    if (idle(t)) return;
    if (events(t)) { tev_output(t->ev, s, n); return; }
    StrBuf o; sb_init(&o);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') sb_puts(&o, "\\n");
        else sb_putc(&o, s[i]);
    }
    item(&t->store, "output \"%s\"", o.s ? o.s : "");
    sb_free(&o);
}

void trace_error(Tracer *t, const char *kind, const char *msg)
{
    t->failed = true;
    if (idle(t)) { if (t->w) tev_writer_error(t->w, kind, msg); return; }
    if (events(t)) {
        tev_error(t->ev, kind, msg);
        tev_writer_error(t->w, kind, msg);
        trace_end(t);
        return;
    }
    item(&t->compute, "raise %s%s%s", kind, msg && *msg ? ": " : "", msg ? msg : "");
    if (t->in_step) trace_end(t);
}

void trace_note(Tracer *t, const char *fmt, ...)
{
    StrBuf s; sb_init(&s);
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&s, fmt, ap);
    va_end(ap);
    if (events(t)) {
        if (t->in_step && !t->skip) tev_note(t->ev, s.s);
        else tev_writer_note(t->w, s.s);
    } else if (t->in_step) {
        if (!t->skip) item(&t->store, "%s", s.s);
    } else {
        fprintf(t->out, "%s\n", s.s);
    }
    sb_free(&s);
}

static void heap_event(void *ud, const HeapEvent *e)
{
    Tracer *t = ud;
    if (idle(t)) return;
    if (events(t)) { tev_heap(t->ev, e); return; }
    StrBuf *o = item_new(&t->store);
    switch (e->kind) {
    case HEV_ALLOC: case HEV_FREE:      /* new T (N B) @id */
        sb_puts(o, e->kind == HEV_ALLOC ? "new " : "free ");
        sb_puts(o, heap_type_names[e->type]);
        sb_puts(o, " (");
        sb_put_u64(o, e->size);
        sb_puts(o, " B) @0x");
        sb_put_hex(o, e->addr, 1);
        break;
    case HEV_REFCNT:                    /* rc @id before->after */
        sb_puts(o, "rc @0x");
        sb_put_hex(o, e->addr, 1);
        sb_putc(o, ' ');
        sb_put_u64(o, e->before);
        sb_puts(o, "->");
        sb_put_u64(o, e->after);
        break;
    case HEV_CACHED:
        sb_puts(o, "cached small int @0x");
        sb_put_hex(o, e->addr, 1);
        break;
    }
}

/* ---- writing rows ---- */

/* Bytes in the UTF-8 sequence that starts with 'c'. */
static size_t utf8_len(unsigned char c) { return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4; }

static size_t utf8_chars(const char *s, size_t n)
{
    size_t i = 0;
    for (uint64_t w; i + 8 <= n; i += 8) {      /* ASCII, 8 bytes at a time */
        memcpy(&w, s + i, 8);
        if (w & 0x8080808080808080u) break;
    }
    size_t c = i;
    for (; i < n; i++) if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

/* A cell being cut into lines: its items are separated by '\n'. */
typedef struct {
    const char *s;
    size_t len, pos;
    bool cont;                  /* the item at 'pos' wrapped: indent it */
} Wrap;

static Wrap wrap_of(const StrBuf *cell) { return (Wrap){ cell->s ? cell->s : "", cell->len, 0, false }; }
static bool wrap_more(const Wrap *w) { return w->pos < w->len; }

/*
** The next line of the cell, at most 'width' characters: an item that does
** not fit breaks at its last space that fits, and its rest goes on the next
** line two spaces in; a word that would not fit such a line either is cut
** mid-word where the line ends. tests/trace_formats/
** compare.py wraps the JSON events the same way and checks they agree.
*/
static size_t wrap_next(Wrap *w, size_t width, const char **start, bool *indent)
{
    *start = "";
    *indent = false;
    if (!wrap_more(w)) return 0;
    const char *s = w->s + w->pos;
    const char *nl = memchr(s, '\n', w->len - w->pos);
    size_t n = nl ? (size_t)(nl - s) : w->len - w->pos;
    *indent = w->cont;
    size_t avail = width - (w->cont ? 2 : 0);
    if (n <= avail) {                           /* fits: no characters to count */
        *start = s;
        w->pos += n + (nl != NULL);
        w->cont = false;
        return n;
    }
    size_t bytes = 0, chars = 0, space = 0;
    if (utf8_chars(s, avail) == avail) {        /* ASCII: a byte is a character */
        bytes = avail;
        for (size_t i = avail; i-- > 1;) if (s[i] == ' ') { space = i; break; }
    } else {
        while (bytes < n && chars < avail) {
            if (s[bytes] == ' ') space = bytes;
            bytes += utf8_len((unsigned char)s[bytes]);
            chars++;
        }
    }
    *start = s;
    if (bytes >= n) {                           /* the rest of the item fits */
        w->pos += n;
        if (w->pos < w->len) w->pos++;          /* the '\n' */
        w->cont = false;
        return n;
    }
    size_t cut = s[bytes] == ' ' ? bytes : space ? space : bytes;
    if (cut != bytes || s[cut] == ' ') {
        /* a word too long for a line of its own is cut where the line ends */
        size_t e = cut + 1;
        while (e < n && s[e] != ' ') e++;
        if (utf8_chars(s + cut + 1, e - cut - 1) > width - 2) cut = bytes;
    }
    w->pos += cut + (s[cut] == ' ');
    w->cont = true;
    return cut;
}

/* Adds a cell that starts at column 'at' (or one space after a cell that ran long). */
static void put_at(StrBuf *row, size_t *col, size_t at, bool indent, const char *s, size_t n)
{
    if (!n && !indent) return;
    size_t want = *col < at ? at : *col + (*col > 0);
    if (want > *col) { sb_pad(row, ' ', want - *col); *col = want; }
    if (indent) { sb_put(row, "  ", 2); *col += 2; }
    sb_put(row, s, n);
    *col += utf8_chars(s, n);
}

/* "%llu" and "0x%04llx" into buf[24]; returns the length */
static size_t dec_u64(char *buf, uint64_t v)
{
    char tmp[24], *p = fmt_u64(tmp, v);
    size_t n = (size_t)(tmp + 23 - p);
    memcpy(buf, p, n);
    return n;
}

static size_t hex_offset(char *buf, uint64_t v)
{
    int digits = 4;
    for (uint64_t x = v >> 16; x; x >>= 4) digits++;
    buf[0] = '0'; buf[1] = 'x';
    for (int i = digits; i-- > 0; v >>= 4) buf[2 + i] = "0123456789abcdef"[v & 15];
    return (size_t)digits + 2;
}

enum { NFIXED = 3, NWRAP = 4 };
static const size_t col_start[NFIXED + NWRAP] = {
    0, W_STEP + 1, W_STEP + W_LINE + 2, W_STEP + W_LINE + W_PC + 3,
    W_STEP + W_LINE + W_PC + W_INSTR + 4, W_STEP + W_LINE + W_PC + W_INSTR + W_FETCH + 5,
    W_STEP + W_LINE + W_PC + W_INSTR + W_FETCH + W_COMPUTE + 6,
};

/* The row's lines are built in t->row and written with one fwrite. */
static void table_row(Tracer *t)
{
    StrBuf *row = &t->row;
    sb_clear(row);
    if (!t->header_done) {
        static const char *const names[] = { "step", "line", "pc", "instruction", "fetch", "compute", "store" };
        size_t col = 0;
        for (int i = 0; i < NFIXED + NWRAP; i++) put_at(row, &col, col_start[i], false, names[i], strlen(names[i]));
        sb_putc(row, '\n');
        t->header_done = true;
    }
    char fixed[NFIXED][24];
    size_t flen[NFIXED] = {
        dec_u64(fixed[0], t->step), dec_u64(fixed[1], t->line), hex_offset(fixed[2], t->offset),
    };
    Wrap cells[NWRAP] = { wrap_of(&t->instr), wrap_of(&t->fetch), wrap_of(&t->compute), wrap_of(&t->store) };
    static const size_t widths[NWRAP - 1] = { W_INSTR, W_FETCH, W_COMPUTE };
    for (bool first = true;; first = false) {
        bool any = first;
        for (int i = 0; i < NWRAP; i++) any |= wrap_more(&cells[i]);
        if (!any) break;
        size_t col = 0;
        for (int i = 0; i < NFIXED; i++)
            if (first) put_at(row, &col, col_start[i], false, fixed[i], flen[i]);
        for (int i = 0; i < NWRAP; i++) {
            size_t at = col_start[NFIXED + i];
            size_t width = i < NWRAP - 1 ? widths[i] : TABLE_WIDTH - (col < at ? at : col + 1);
            const char *s;
            bool indent;
            size_t n = wrap_next(&cells[i], width < W_STORE / 2 ? W_STORE / 2 : width, &s, &indent);
            put_at(row, &col, at, indent, s, n);
        }
        sb_putc(row, '\n');
    }
    fwrite(row->s, 1, row->len, t->out);
}

/* --explain: the notes' table in words */
static void explain_row(Tracer *t)
{
    FILE *f = t->out;
    OpCode op = (OpCode)ins_op(t->ins);
    const OpInfo *oi = &op_info[op];
    fprintf(f, "%4llu  line %-3u  ", (unsigned long long)t->step, t->line);
    StrBuf s; sb_init(&s);
    const char *compute = t->compute.s ? t->compute.s : "";
    switch (op) {
    case OP_LOADGLOBAL:
        sb_printf(&s, "Retrieve %s from RAM", t->fetch.s ? strchr(t->fetch.s, '\n') ? strchr(t->fetch.s, '\n') + 1 : "" : "");
        break;
    case OP_STOREGLOBAL:
        sb_printf(&s, "Store %s", t->store.s ? t->store.s : "");
        break;
    case OP_ADD: case OP_SUB: case OP_MUL: case OP_DIV: case OP_FLOORDIV: case OP_MOD: case OP_POW:
    case OP_LSHIFT: case OP_RSHIFT: case OP_BITAND: case OP_BITOR: case OP_BITXOR:
        sb_printf(&s, "%s in CPU registers: %s", oi->verb, compute);
        break;
    default:
        sb_printf(&s, "%s: %s", oi->verb, t->instr.s);
        if (t->compute.len) sb_printf(&s, " (%s)", compute);
        break;
    }
    for (char *p = s.s; p && *p; p++) if (*p == '\n') *p = ';';
    fprintf(f, "%s\n", s.s ? s.s : "");
    /* output lines are told as their own step of the story */
    if (t->store.s) {
        const char *o = strstr(t->store.s, "output \"");
        while (o) {
            const char *e = strchr(o + 8, '\n');
            size_t n = e ? (size_t)(e - o) : strlen(o);
            fprintf(f, "                  Display output: %.*s\n", (int)(n - 7), o + 7);
            o = e ? strstr(e, "output \"") : NULL;
        }
    }
    sb_free(&s);
}

void trace_end(Tracer *t)
{
    if (!t->in_step) return;
    t->in_step = false;
    if (t->skip) return;
    if (events(t)) tev_writer_step(t->w, t->ev);
    else if (t->fmt == TRACE_TABLE) table_row(t);
    else explain_row(t);
}
