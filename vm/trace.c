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

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "heap/numfmt.h"
#include "vm/bgwrite.h"
#include "vm/disasm.h"
#include "vm/ops.h"
#include "vm/trace_events.h"

/* A float's repr(), remembered (put_float); len 0 = an empty slot. */
enum { FLOAT_CACHE_BITS = 6 };
typedef struct { uint64_t bits; unsigned char len; char text[31]; } FloatText;

/* What the table shows of an instruction word: its disassembly and the
** fetch cell's first item ("[0x7f0000000024] = 00000102"). */
typedef struct {
    char *dis;                  /* NULL until the word first runs */
    size_t dis_len;
    unsigned char fetch_len;
    char fetch[43];
} InstrText;

/* What a str's short repr depends on beyond the characters it shows:
** whether the str holds a ' and a " anywhere (the quotes), and whether it
** is all printable ASCII (quick_str's case), for its first 'len' chars;
** addr 0 = an empty slot (str_scan). */
enum { STR_CACHE_BITS = 6, STR_SCAN_DIRECT = 64 };  /* a str this short is read faster than looked up */
typedef struct { Addr addr; uint64_t len; bool sq, dq, plain; } StrScan;

/* A value's description (describe); len 0 = an empty slot. */
enum { VALUE_CACHE_BITS = 6 };
typedef struct { Addr addr; uint64_t key; unsigned char ty, len; char text[62]; } ValueText;

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
    StrBuf scratch;             /* json / yaml: a compute item being made */
    bool header_done;
    bool batch;                 /* rows may wait in 'row' (own_file) */
    bool lay_out;               /* batch: this thread lays the rows out (the writer is behind) */
    BgWriter *bg;               /* writes the batches when 'batch' */
    TraceFilter filter;
    TevStep *ev;                /* json / yaml: the events of the step */
    TevWriter *w;
    bool finished, failed;      /* the module returned / an error was raised */
    InstrText **code;           /* chunk -> instruction -> its texts, made once */
    FloatText floats[1 << FLOAT_CACHE_BITS];  /* put_float's cache */
    ValueText values[1 << VALUE_CACHE_BITS];  /* describe's cache */
    StrScan strs[1 << STR_CACHE_BITS];        /* str_scan's cache */
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
static void flush_rows(Tracer *t);
static void shape_rows(const StrBuf *in, StrBuf *out);

/* Rows for a file of their own wait in batches of ROW_BATCH bytes (one
** fwrite per row costs more than building a short row), which a second
** thread (vm/bgwrite.c) lays out as lines and writes: the kernel's copy
** into the file takes about as long as making the rows. */
enum { ROW_BATCH = 1 << 19 };

/* True when 'f' is a file of its own: a regular file that is neither stdout
** nor stderr, so nothing else writes to it between the trace's rows. */
static bool own_file(FILE *f)
{
    struct stat st, other;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    for (int fd = 1; fd <= 2; fd++)
        if (fstat(fd, &other) == 0 && other.st_dev == st.st_dev && other.st_ino == st.st_ino) return false;
    return true;
}

/*
** Appending to a cell. A row takes some twenty appends, so these are inline
** and skip what sb_put does per call (a function call, strlen): the row's
** cost is what limits how fast a trace is written.
*/
static inline char *room(StrBuf *b, size_t n)  /* space for 'n' more bytes and the NUL */
{
    if (b->len + n >= b->cap) sb_reserve(b, n);
    return b->s + b->len;
}

static inline void put(StrBuf *b, const char *s, size_t n)
{
    char *p = room(b, n);
    copy_short(p, s, n);
    p[n] = '\0';
    b->len += n;
}

/* a string literal: its length is known at compile time */
#define PUT_LIT(b, lit) put((b), "" lit, sizeof lit - 1)

static inline void put_char(StrBuf *b, char c)
{
    char *p = room(b, 1);
    p[0] = c;
    p[1] = '\0';
    b->len++;
}

static inline void put_str(StrBuf *b, const char *s) { put(b, s, strlen(s)); }

static inline void clear(StrBuf *b) { b->len = 0; if (b->s) b->s[0] = '\0'; }

/* "00" "01" ... "99": decimal digits two at a time */
#define DEC_ROW(hi) hi "0" hi "1" hi "2" hi "3" hi "4" hi "5" hi "6" hi "7" hi "8" hi "9"
static const char dec_pairs[] = DEC_ROW("0") DEC_ROW("1") DEC_ROW("2") DEC_ROW("3") DEC_ROW("4")
    DEC_ROW("5") DEC_ROW("6") DEC_ROW("7") DEC_ROW("8") DEC_ROW("9");
#undef DEC_ROW

/* "%llu" at the end of buf[24]; returns where the text starts */
static inline char *dec_text(char buf[24], uint64_t v)
{
    char *p = buf + 24;
    for (; v >= 100; v /= 100) { p -= 2; memcpy(p, dec_pairs + 2 * (v % 100), 2); }
    if (v >= 10) { p -= 2; memcpy(p, dec_pairs + 2 * v, 2); }
    else *--p = (char)('0' + v);
    return p;
}

/* "%llu" */
static inline void put_dec(StrBuf *b, uint64_t v)
{
    char buf[24], *p = dec_text(buf, v);
    put(b, p, (size_t)(buf + sizeof buf - p));
}

/* "%lld" */
static inline void put_sdec(StrBuf *b, int64_t v)
{
    if (v < 0) put_char(b, '-');
    put_dec(b, v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v);
}

/* "00" "01" ... "ff": hex digits two at a time */
#define HEX_ROW(hi) hi "0" hi "1" hi "2" hi "3" hi "4" hi "5" hi "6" hi "7" \
                    hi "8" hi "9" hi "a" hi "b" hi "c" hi "d" hi "e" hi "f"
static const char hex_pairs[] = HEX_ROW("0") HEX_ROW("1") HEX_ROW("2") HEX_ROW("3") HEX_ROW("4")
    HEX_ROW("5") HEX_ROW("6") HEX_ROW("7") HEX_ROW("8") HEX_ROW("9") HEX_ROW("a") HEX_ROW("b")
    HEX_ROW("c") HEX_ROW("d") HEX_ROW("e") HEX_ROW("f");
#undef HEX_ROW

/* v's n hex digits at p (n at least v's own) */
static inline void hex_digits(char *p, uint64_t v, int n)
{
    int i = n;
    for (; i >= 2; i -= 2, v >>= 8) memcpy(p + i - 2, hex_pairs + 2 * (v & 0xFF), 2);
    if (i) p[0] = hex_pairs[2 * (v & 0xF) + 1];
}

/* "%0*llx": at least 'digits' hex digits */
static inline void put_hex(StrBuf *b, uint64_t v, int digits)
{
    int n = v ? (67 - __builtin_clzll(v)) / 4 : 1;
    if (n < digits) n = digits;
    char *p = room(b, (size_t)n);
    p[n] = '\0';
    b->len += (size_t)n;
    hex_digits(p, v, n);
}

/*
** Writing into room already made (room()): each returns where the next
** byte goes. An item made this way takes one capacity check instead of
** one per piece (heap_event: an alloc's, a free's or a refcount's line).
*/
static inline char *w_bytes(char *p, const char *s, size_t n) { copy_short(p, s, n); return p + n; }
#define W_LIT(p, lit) w_bytes((p), "" lit, sizeof lit - 1)
static inline char *w_dec(char *p, uint64_t v)
{
    char buf[24], *s = dec_text(buf, v);
    return w_bytes(p, s, (size_t)(buf + sizeof buf - s));
}
static inline char *w_hex(char *p, uint64_t v)
{
    int n = v ? (67 - __builtin_clzll(v)) / 4 : 1;
    hex_digits(p, v, n);
    return p + n;
}
/* ends an item written with the above: its length and the NUL */
static inline void w_end(StrBuf *b, char *p)
{
    *p = '\0';
    b->len = (size_t)(p - b->s);
}

/* strlen of heap_type_names[], once (type_names_init): describe and heap_event */
static uint8_t type_name_len[TY__COUNT];
static void type_names_init(void)
{
    for (int i = 0; i < TY__COUNT; i++) {
        size_t n = heap_type_names[i] ? strlen(heap_type_names[i]) : 0;
        type_name_len[i] = (uint8_t)(n < 255 ? n : 255);
    }
}

Tracer *trace_new(Vm *vm, FILE *out, TraceFormat fmt)
{
    Tracer *t = xcalloc(1, sizeof *t);
    if (!type_name_len[TY_INT]) type_names_init();
    t->vm = vm;
    t->out = out;
    t->fmt = fmt;
    t->batch = fmt == TRACE_TABLE && own_file(out);
    if (t->batch) t->bg = bgw_new(out, shape_rows);
    sb_init(&t->instr); sb_init(&t->fetch); sb_init(&t->compute); sb_init(&t->store); sb_init(&t->row); sb_init(&t->scratch);
    if (fmt == TRACE_JSON || fmt == TRACE_YAML) {
        t->ev = tev_step_new();
        t->w = tev_writer_new(vm, out, fmt == TRACE_YAML);
    }
    vm->tr = t;
    heap_set_observer(vm->h, heap_event, t);
    return t;
}

void trace_set_filter(Tracer *t, const TraceFilter *f) { t->filter = *f; }

int trace_free(Tracer *t)
{
    if (!t) return 0;
    if (t->in_step) trace_end(t);
    flush_rows(t);
    int err = bgw_free(t->bg);
    heap_set_observer(t->vm->h, NULL, NULL);
    t->vm->tr = NULL;
    if (t->w) {
        tev_writer_finish(t->w);
        tev_step_free(t->ev);
    }
    sb_free(&t->instr); sb_free(&t->fetch); sb_free(&t->compute); sb_free(&t->store); sb_free(&t->row); sb_free(&t->scratch);
    if (t->code) {
        const Program *p = t->vm->prog;
        for (uint32_t c = 0; c < p->nchunks; c++) {
            if (!t->code[c]) continue;
            for (size_t i = 0; i < p->chunks[c]->ncode; i++) free(t->code[c][i].dis);
            free(t->code[c]);
        }
        free(t->code);
    }
    if (fflush(t->out) != 0 && !err) err = errno ? errno : EIO;
    if (ferror(t->out) && !err) err = EIO;
    free(t);
    return err;
}

static StrScan *scan_slot(Tracer *t, Addr v) { return &t->strs[(v * 0x9E3779B97F4A7C15u) >> (64 - STR_CACHE_BITS)]; }

/* The tracer whose heap observer keeps its str_scan cache true, or NULL. */
static Tracer *scan_cache(Vm *vm)
{
    Tracer *t = vm->tr;
    return t && vm->h->obs == heap_event && vm->h->obs_ud == t ? t : NULL;
}

/* Adds ASCII chars s[from, n) to sc: its quotes, and whether they are
** printable (8 bytes at a time: ASCII has no byte's top bit set). */
static inline __attribute__((always_inline)) void scan_ascii(const char *s, size_t from, size_t n, StrScan *sc)
{
    const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
#define ANY_ZERO(w) (((w) - ones) & ~(w) & tops)
    uint64_t w, sqw = 0, dqw = 0, bad = 0;
    size_t i = from;
    for (; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, 8);
        bad |= ANY_ZERO(w & (ones * 0x60)) | ANY_ZERO(w ^ (ones * 0x7F));     /* below 0x20, or DEL */
        sqw |= ANY_ZERO(w ^ (ones * '\''));
        dqw |= ANY_ZERO(w ^ (ones * '"'));
    }
#undef ANY_ZERO
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bad |= c < 0x20 || c == 0x7F;
        sqw |= c == '\'';
        dqw |= c == '"';
    }
    sc->plain &= !bad;
    sc->sq |= sqw != 0;
    sc->dq |= dqw != 0;
}

/* Adds chars [from, n) of str v to sc. A str that is not printable ASCII
** has its quotes found char by char (over all of it when the escape that
** says so is among the new chars). */
static void scan_more(const Heap *h, Addr v, size_t from, size_t n, StrScan *sc)
{
    if (sc->plain) {
        scan_ascii((const char *)str_data(h, v), from, n, sc);
        if (sc->plain) return;
        sc->sq = sc->dq = false;
        from = 0;
    }
    for (size_t i = from; i < n && !(sc->sq && sc->dq); i++) {
        uint32_t c = str_char(h, v, i);
        sc->sq |= c == '\'';
        sc->dq |= c == '"';
    }
}

/*
** The StrScan of str v. A row shows at most 12 of a long str's chars, but
** its quotes depend on all of them: with a cache (t), each str is read
** once, then only over what was appended since (`s += t` grows a str in
** place), where reading it whole for every row made a traced loop that
** grows a str quadratic (50,000 rows/s at a 6 MB str). An entry belongs to
** the str living at its id: heap_event drops it when a str is made or
** freed there.
*/
static StrScan str_scan(Tracer *t, const Heap *h, Addr v)
{
    size_t n = str_len(h, v);
    StrScan *e = t && n > STR_SCAN_DIRECT ? scan_slot(t, v) : NULL;
    StrScan sc = { v, 0, false, false, str_is_ascii(h, v) };
    if (e && e->addr == v && e->len <= n) {
        sc = *e;
        sc.plain &= str_is_ascii(h, v);
    }
    if (sc.len < n) scan_more(h, v, (size_t)sc.len, n, &sc);
    sc.len = n;
    if (e) *e = sc;
    return sc;
}

/* The short form of a value: what the table shows after its type. */
static void value_repr(Vm *vm, Addr v, StrBuf *r)
{
    Heap *h = vm->h;
    switch (obj_type(h, v)) {
    case TY_INT:
        if (int_ndigits(h, v) > 4) { put_char(r, '<'); put_dec(r, int_ndigits(h, v)); PUT_LIT(r, " digits>"); }
        else op_repr(vm, v, r);
        break;
    case TY_BOOL: case TY_FLOAT: case TY_NONE: op_repr(vm, v, r); break;
    case TY_STR: {
        StrScan sc = str_scan(scan_cache(vm), h, v);
        op_repr_str_quoted(vm, v, str_len(h, v) > 16 ? 12 : SIZE_MAX, sc.sq, sc.dq, r);
        break;
    }
    case TY_LIST: PUT_LIT(r, "len "); put_dec(r, list_len(h, v)); break;
    case TY_TUPLE: PUT_LIT(r, "len "); put_dec(r, tuple_len(h, v)); break;
    case TY_DICT: PUT_LIT(r, "len "); put_dec(r, dict_len(h, v)); break;
    case TY_BUILTIN: { extern const char *vm_builtin_name(Vm *, Addr); put_str(r, vm_builtin_name(vm, v)); break; }
    case TY_FUNCTION: str_to_utf8(h, obj_field(h, v, 1), r); break;
    default: break;
    }
}

/* "int 5 @0x7f0000100a60" — short, exact, and deterministic */
void trace_describe(Vm *vm, Addr v, StrBuf *out)
{
    if (!v) { PUT_LIT(out, "(empty)"); return; }
    put_str(out, op_type_name(vm, v));
    size_t mark = out->len;
    put_char(out, ' ');
    value_repr(vm, v, out);
    if (out->len == mark + 1) out->s[out->len = mark] = '\0';     /* nothing short to say */
    PUT_LIT(out, " @0x");
    put_hex(out, v, 1);
}

void trace_value_parts(Vm *vm, Addr v, StrBuf *type, StrBuf *out)
{
    put_str(type, op_type_name(vm, v));
    value_repr(vm, v, out);
}

/*
** repr() of a float, through a small cache keyed by the double's bits (the
** text depends on nothing else). The shortest digits that read back take
** glibc a few thousand host instructions to find, and a value a step
** computes shows up again: in the compute cell, as the register stored, as
** an operand of the next steps.
*/
static void put_float(Tracer *t, double x, StrBuf *out)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    FloatText *e = &t->floats[(bits * 0x9E3779B97F4A7C15u) >> (64 - FLOAT_CACHE_BITS)];
    if (e->len && e->bits == bits) { put(out, e->text, e->len); return; }
    size_t mark = out->len;
    fmt_float_repr(x, out);
    size_t n = out->len - mark;
    if (n < sizeof e->text) {
        e->bits = bits;
        e->len = (unsigned char)n;
        memcpy(e->text, out->s + mark, n);
    }
}

/* op_repr_str_cut for a str of printable ASCII (most strs), straight from
** its bytes; false, with nothing written, for any other str. */
static bool quick_str(Tracer *t, const Heap *h, Addr v, size_t limit, StrBuf *out)
{
    if (!str_is_ascii(h, v)) return false;
    size_t n = str_len(h, v);
    const char *s = (const char *)str_data(h, v);
    StrScan sc = { v, n, false, false, true };
    if (n <= STR_SCAN_DIRECT) scan_ascii(s, 0, n, &sc);
    else sc = str_scan(t, h, v);
    if (!sc.plain) return false;
    char q = sc.sq && !sc.dq ? '"' : '\'';
    size_t m = limit < n ? limit : n, from = 0, i;
    put_char(out, q);
    for (i = 0; i < m; i++)
        if (s[i] == q || s[i] == '\\') {
            put(out, s + from, i - from);
            put_char(out, '\\');
            from = i;
        }
    put(out, s + from, m - from);
    if (m < n) PUT_LIT(out, "...");
    put_char(out, q);
    return true;
}

/* value_repr's result for the types most rows show, without op_repr; false
** (and nothing written) for any other value, such as an int of three or
** more digits. */
static bool quick_repr(Tracer *t, TypeId ty, Addr v, StrBuf *out)
{
    Heap *h = t->vm->h;
    int64_t i;
    switch (ty) {
    case TY_INT:
        if (!int_small(h, v, &i)) return false;
        put_sdec(out, i);
        return true;
    case TY_FLOAT: put_float(t, float_value(h, v), out); return true;
    case TY_BOOL:
        if (v == h->true_) PUT_LIT(out, "True");
        else PUT_LIT(out, "False");
        return true;
    case TY_NONE: PUT_LIT(out, "None"); return true;
    case TY_STR: return quick_str(t, h, v, str_len(h, v) > 16 ? 12 : SIZE_MAX, out);
    default: return false;
    }
}

/* value_repr's text of a list, tuple or dict ("len 3"), for describe
** without trace_describe's detour; false for other values. (short_value
** shows these as "<list>", so quick_repr leaves them alone.) */
static bool quick_len(const Heap *h, TypeId ty, Addr v, StrBuf *out)
{
    size_t n;
    switch (ty) {
    case TY_LIST: n = list_len(h, v); break;
    case TY_TUPLE: n = tuple_len(h, v); break;
    case TY_DICT: n = dict_len(h, v); break;
    default: return false;
    }
    PUT_LIT(out, "len ");
    put_dec(out, n);
    return true;
}

/* What makes the description of the int, float, bool or None at 'v' what
** it is, besides its address and type: its value (false for other values). */
static bool value_key(const Heap *h, TypeId ty, Addr v, uint64_t *key)
{
    int64_t i;
    double d;
    switch (ty) {
    case TY_INT:
        if (!int_small(h, v, &i)) return false;
        *key = (uint64_t)i;
        return true;
    case TY_FLOAT:
        d = float_value(h, v);
        memcpy(key, &d, sizeof *key);
        return true;
    case TY_BOOL: case TY_NONE: *key = 0; return true;
    default: return false;
    }
}

/*
** trace_describe, with quick_repr's shortcut, and for values that
** value_key knows, a cache by address: a value written to a register is
** usually read back a step or two later and described again.
*/
static void describe(Tracer *t, Addr v, StrBuf *out)
{
    if (!v) { trace_describe(t->vm, v, out); return; }
    Heap *h = t->vm->h;
    TypeId ty = obj_type(h, v);
    uint64_t key = 0;
    ValueText *e = NULL;
    if (value_key(h, ty, v, &key)) {
        e = &t->values[(v * 0x9E3779B97F4A7C15u) >> (64 - VALUE_CACHE_BITS)];
        if (e->len && e->addr == v && e->ty == ty && e->key == key) { put(out, e->text, e->len); return; }
    }
    size_t mark = out->len;
    char *p = room(out, type_name_len[ty] + 1u);
    p = w_bytes(p, heap_type_names[ty], type_name_len[ty]);     /* what op_type_name says for these types */
    *p++ = ' ';
    w_end(out, p);
    if (!quick_repr(t, ty, v, out) && !quick_len(h, ty, v, out)) {
        out->s[out->len = mark] = '\0';
        trace_describe(t->vm, v, out);
        return;
    }
    p = room(out, 24);
    p = W_LIT(p, " @0x");
    p = w_hex(p, v);
    w_end(out, p);
    size_t n = out->len - mark;
    if (e && n < sizeof e->text) {
        *e = (ValueText){ .addr = v, .key = key, .ty = (unsigned char)ty, .len = (unsigned char)n };
        memcpy(e->text, out->s + mark, n);
    }
}

/* json / yaml record events instead of building the table's cells */
static bool events(const Tracer *t) { return t->ev != NULL; }
/* Hooks do nothing for a step that is filtered out, or outside a step. */
static bool idle(const Tracer *t) { return t->skip || !t->in_step; }

static void item(StrBuf *cell, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Starts a new item of 'cell' (its items are its lines) and returns it,
** for the hot paths that append the pieces themselves. */
static StrBuf *item_new(StrBuf *cell)
{
    if (cell->len) put_char(cell, '\n');
    return cell;
}

/* Where a compute item is written: straight into the cell, or for json and
** yaml into a scratch buffer that compute_done hands to the events. */
static StrBuf *compute_begin(Tracer *t)
{
    if (!events(t)) return item_new(&t->compute);
    sb_clear(&t->scratch);
    return &t->scratch;
}

static void compute_done(Tracer *t, Addr result)
{
    if (events(t)) tev_compute(t->ev, t->scratch.s ? t->scratch.s : "", result);
}

/* A cell item made with "%s" ends at the first NUL of the string it copied:
** cut what was appended since 'mark' there as well. */
static void cut_at_nul(StrBuf *b, size_t mark)
{
    if (b->s) b->len = mark + strlen(b->s + mark);
}

static void item(StrBuf *cell, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void item(StrBuf *cell, const char *fmt, ...)
{
    if (cell->len) put_char(cell, '\n');
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
    const char *name = r < ch->nlocals && ch->locals[r][0] != '.' ? ch->locals[r] : NULL;
    size_t n = name ? strlen(name) : 0;
    char *p = room(o, 32 + n);
    *p++ = 'r';
    p = w_dec(p, r);
    if (name) { *p++ = '('; p = w_bytes(p, name, n); *p++ = ')'; }
    p = W_LIT(p, " = ");
    w_end(o, p);
    describe(t, v, o);
}

/* "[0x7f0000000024] = 00000102": the word at 'pc' (at most 3 + 16 + 4 + 8 characters) */
static void fetch_item(StrBuf *cell, Addr pc, Instr ins)
{
    PUT_LIT(cell, "[0x");
    put_hex(cell, pc, 1);
    PUT_LIT(cell, "] = ");
    put_hex(cell, ins, 8);
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
    clear(&t->instr); clear(&t->fetch); clear(&t->compute); clear(&t->store);
    /* an instruction's words never change: disassemble each one once */
    const Program *p = t->vm->prog;
    size_t k = (size_t)(t->offset / 4);
    if (!t->code) t->code = xcalloc(p->nchunks, sizeof *t->code);
    if (!t->code[chunk]) t->code[chunk] = xcalloc(p->chunks[chunk]->ncode + 1, sizeof **t->code);
    InstrText *it = k < p->chunks[chunk]->ncode ? &t->code[chunk][k] : NULL;
    if (it && it->dis) {
        put(&t->instr, it->dis, it->dis_len);
        if (!events(t)) put(&t->fetch, it->fetch, it->fetch_len);
    } else {
        dis_instruction(p, chunk, ins, t->vm, &t->instr);
        if (!events(t)) fetch_item(&t->fetch, pc, ins);
        if (it) {
            it->dis = xstrndup(t->instr.s ? t->instr.s : "", t->instr.len);
            it->dis_len = t->instr.len;
            it->fetch_len = (unsigned char)t->fetch.len;
            memcpy(it->fetch, t->fetch.s ? t->fetch.s : "", t->fetch.len);
        }
    }
    if (events(t)) tev_begin(t->ev, t->vm, t->step, line, chunk, pc, ins, t->instr.s ? t->instr.s : "");
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
    char *p = room(o, 32);
    *p++ = 'k';
    p = w_dec(p, k);
    p = W_LIT(p, " = ");
    w_end(o, p);
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
    PUT_LIT(o, "RAM[");
    str_to_utf8(t->vm->h, name, o);
    put_str(o, store ? "] = " : "] -> ");
    describe(t, v, o);
}

static void short_value(Tracer *t, Addr v, StrBuf *out)
{
    Heap *h = t->vm->h;
    TypeId ty = obj_type(h, v);
    bool long_str = ty == TY_STR && str_len(h, v) > 12;    /* shown as <str> */
    if (!long_str && quick_repr(t, ty, v, out)) return;
    if ((ty == TY_INT && int_ndigits(h, v) <= 4) || (ty == TY_STR && str_len(h, v) <= 12)) op_repr(t->vm, v, out);
    else { put_char(out, '<'); put_str(out, op_type_name(t->vm, v)); put_char(out, '>'); }
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

void trace_binary_operands(Tracer *t, OpCode op, Addr x, Addr y)
{
    if (idle(t)) return;
    StrBuf *o = compute_begin(t);
    short_value(t, x, o);
    if (op == OP_GETITEM) { put_char(o, '['); short_value(t, y, o); PUT_LIT(o, "] = "); }
    else { put_char(o, ' '); put_str(o, op_symbol(op)); put_char(o, ' '); short_value(t, y, o); PUT_LIT(o, " = "); }
}

void trace_binary_result(Tracer *t, Addr r)
{
    if (idle(t)) return;
    short_value(t, r, events(t) ? &t->scratch : &t->compute);
    compute_done(t, r);
}

void trace_binary(Tracer *t, OpCode op, Addr x, Addr y, Addr r)
{
    trace_binary_operands(t, op, x, y);
    trace_binary_result(t, r);
}

void trace_unary(Tracer *t, OpCode op, Addr x, Addr r)
{
    if (idle(t)) return;
    StrBuf *o = compute_begin(t);
    put_str(o, op_symbol(op));
    short_value(t, x, o);
    PUT_LIT(o, " = ");
    short_value(t, r, o);
    compute_done(t, r);
}

void trace_branch(Tracer *t, Addr x, int truth, bool jump)
{
    (void)x;
    if (idle(t)) return;
    if (events(t)) { tev_branch(t->ev, truth, jump); return; }
    StrBuf *o = item_new(&t->compute);
    if (truth) PUT_LIT(o, "true: ");
    else PUT_LIT(o, "false: ");
    if (jump) PUT_LIT(o, "jump");
    else PUT_LIT(o, "no jump");
}

void trace_call(Tracer *t, Addr f, unsigned nargs)
{
    if (idle(t)) return;
    if (events(t)) { tev_call(t->ev, f, nargs); return; }
    StrBuf *o = item_new(&t->compute);
    PUT_LIT(o, "call with ");
    put_dec(o, nargs);
    if (nargs == 1) PUT_LIT(o, " arg");
    else PUT_LIT(o, " args");
    o = item_new(&t->fetch);
    PUT_LIT(o, "callee ");
    size_t mark = o->len;
    describe(t, f, o);
    cut_at_nul(o, mark);
}

void trace_method(Tracer *t, Addr self, Addr name, unsigned nargs)
{
    if (idle(t)) return;
    if (events(t)) { tev_method(t->ev, self, name, nargs); return; }
    StrBuf *o = item_new(&t->fetch);
    PUT_LIT(o, "self ");
    size_t mark = o->len;
    describe(t, self, o);
    cut_at_nul(o, mark);
    o = item_new(&t->compute);
    put_char(o, '.');
    mark = o->len;
    str_to_utf8(t->vm->h, name, o);
    cut_at_nul(o, mark);
    put_char(o, '(');
    put_dec(o, nargs);
    if (nargs == 1) PUT_LIT(o, " arg)");
    else PUT_LIT(o, " args)");
}

void trace_return(Tracer *t, Addr v, bool to_caller)
{
    if (!to_caller) t->finished = true;
    /* what the step writes from here on lands in the caller's registers */
    else if (t->vm->nframes > 1) t->chunk = t->vm->frames[t->vm->nframes - 2].chunk;
    if (idle(t)) return;
    if (events(t)) { tev_return(t->ev, v, to_caller); return; }
    StrBuf *o = item_new(&t->compute);
    if (to_caller) PUT_LIT(o, "return ");
    else PUT_LIT(o, "end of program: ");
    size_t mark = o->len;
    describe(t, v, o);
    cut_at_nul(o, mark);
}

void trace_built(Tracer *t, Addr o)
{
    if (idle(t)) return;
    if (events(t)) { tev_value(t->ev, TEV_BUILD, o); return; }
    StrBuf *c = item_new(&t->compute);
    PUT_LIT(c, "built ");
    size_t mark = c->len;
    describe(t, o, c);
    cut_at_nul(c, mark);
}

void trace_next(Tracer *t, Addr v)
{
    if (idle(t)) return;
    if (events(t)) {
        StrBuf s; sb_init(&s);
        if (v) { PUT_LIT(&s, "next item "); short_value(t, v, &s); }
        else PUT_LIT(&s, "iterator exhausted: jump");
        tev_next(t->ev, v, s.s);
        sb_free(&s);
        return;
    }
    StrBuf *o = item_new(&t->compute);
    if (!v) { PUT_LIT(o, "iterator exhausted: jump"); return; }
    PUT_LIT(o, "next item ");
    short_value(t, v, o);
}

void trace_output(Tracer *t, const char *s, size_t n)
{
    if (idle(t)) return;
    if (events(t)) { tev_output(t->ev, s, n); return; }
    StrBuf o; sb_init(&o);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n') PUT_LIT(&o, "\\n");
        else put_char(&o, s[i]);
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
        flush_rows(t);
        fprintf(t->out, "%s\n", s.s);
        if (t->bg) fflush(t->out);      /* before any later batch, which goes around the FILE */
    }
    sb_free(&s);
}

static void heap_event(void *ud, const HeapEvent *e)
{
    Tracer *t = ud;
    /* a str made or freed at an id: str_scan's entry there is another's */
    if (e->type == TY_STR && (e->kind == HEV_ALLOC || e->kind == HEV_FREE)) {
        StrScan *sc = scan_slot(t, e->addr);
        if (sc->addr == e->addr) sc->addr = 0;
    }
    if (idle(t)) return;
    if (events(t)) { tev_heap(t->ev, e); return; }
    StrBuf *o = item_new(&t->store);
    size_t name = e->kind == HEV_ALLOC || e->kind == HEV_FREE || e->kind == HEV_RESIZE ? type_name_len[e->type] : 0;
    char *p = room(o, 96 + name);               /* the longest: a resize, 3 numbers of 20 digits */
    switch (e->kind) {
    case HEV_ALLOC: case HEV_FREE:      /* new T (N B) @id */
        p = e->kind == HEV_ALLOC ? W_LIT(p, "new ") : W_LIT(p, "free ");
        p = w_bytes(p, heap_type_names[e->type], name);
        p = W_LIT(p, " (");
        p = w_dec(p, e->size);
        p = W_LIT(p, " B) @0x");
        p = w_hex(p, e->addr);
        break;
    case HEV_REFCNT:                    /* rc @id before->after */
        p = W_LIT(p, "rc @0x");
        p = w_hex(p, e->addr);
        *p++ = ' ';
        p = w_dec(p, e->before);
        p = W_LIT(p, "->");
        p = w_dec(p, e->after);
        break;
    case HEV_CACHED:
        p = W_LIT(p, "cached small int @0x");
        p = w_hex(p, e->addr);
        break;
    case HEV_RESIZE:                    /* resize T (N->M B) @id */
        p = W_LIT(p, "resize ");
        p = w_bytes(p, heap_type_names[e->type], name);
        p = W_LIT(p, " (");
        p = w_dec(p, e->before);
        p = W_LIT(p, "->");
        p = w_dec(p, e->after);
        p = W_LIT(p, " B) @0x");
        p = w_hex(p, e->addr);
        break;
    }
    w_end(o, p);
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

/* True when s[0..n) is all ASCII: then a byte is a character. */
static bool is_ascii(const char *s, size_t n)
{
#if defined(__SSE2__)
    if (n >= 16) {                              /* the tail overlapping, as below */
        __m128i any = _mm_loadu_si128((const __m128i *)(s + n - 16));
        for (size_t i = 0; i + 16 <= n; i += 16) any = _mm_or_si128(any, _mm_loadu_si128((const __m128i *)(s + i)));
        return _mm_movemask_epi8(any) == 0;
    }
#endif
    uint64_t w, any = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) { memcpy(&w, s + i, 8); any |= w; }
    if (n >= 8) { memcpy(&w, s + n - 8, 8); any |= w; }      /* the tail, overlapping */
    else for (; i < n; i++) any |= (unsigned char)s[i];
    return !(any & 0x8080808080808080u);
}

/*
** memchr and a backwards memchr inline, 16 bytes at a time with SSE2, else
** 8: an item is a few dozen bytes, where libc's call and set-up cost more
** than the search (memchr was 8% of the thread that lays out the rows, the
** byte loop that looked for a wrapped item's last space as much).
*/
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TRACE_SWAR 1
/* 0x80 in each byte of w that is c, and nowhere else */
static inline uint64_t bytes_equal(uint64_t w, unsigned char c)
{
    uint64_t x = w ^ (0x0101010101010101ull * c), low = 0x7F7F7F7F7F7F7F7Full;
    return ~(((x & low) + low) | x | low);
}
#else
#define TRACE_SWAR 0
#endif

static inline const char *find_byte(const char *s, size_t n, unsigned char c)
{
    size_t i = 0;
#if defined(__SSE2__)
    /* 16 bytes a compare; the tail by one more, overlapping bytes already
    ** searched (an item is 20 bytes on average: two compares) */
    if (n >= 16) {
        __m128i pat = _mm_set1_epi8((char)c);
        for (;; i += 16) {
            if (i + 16 > n) i = n - 16;
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(s + i)), pat));
            if (m) return s + i + __builtin_ctz(m);
            if (i + 16 == n) return NULL;
        }
    }
#endif
#if TRACE_SWAR
    if (n >= 8) {
        for (;; i += 8) {
            if (i + 8 > n) i = n - 8;           /* the tail, overlapping bytes already searched */
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t m = bytes_equal(w, c);
            if (m) return s + i + (__builtin_ctzll(m) >> 3);
            if (i + 8 == n) return NULL;
        }
    }
#endif
    for (; i < n; i++) if ((unsigned char)s[i] == c) return s + i;
    return NULL;
}

/* The last i in [lo, hi) with s[i] == c, else 0 (lo >= 1). */
static inline size_t find_last(const char *s, size_t lo, size_t hi, unsigned char c)
{
    size_t i = hi;
#if TRACE_SWAR
    for (; i >= lo + 8; i -= 8) {
        uint64_t w;
        memcpy(&w, s + i - 8, 8);
        uint64_t m = bytes_equal(w, c);
        if (m) return i - 8 + (size_t)((63 - __builtin_clzll(m)) >> 3);
    }
#endif
    while (i-- > lo) if ((unsigned char)s[i] == c) return i;
    return 0;
}

/* A cell being cut into lines: its items are separated by '\n'. */
typedef struct {
    const char *s;
    size_t len, pos;
    bool cont;                  /* the item at 'pos' wrapped: indent it */
    bool ascii;                 /* no character takes more than a byte */
} Wrap;

static Wrap wrap_of(const char *s, size_t len)
{
    if (!s) s = "";
    return (Wrap){ s, len, 0, false, is_ascii(s, len) };
}
static bool wrap_more(const Wrap *w) { return w->pos < w->len; }

/*
** The next line of the cell, at most 'width' characters: an item that does
** not fit breaks at its last space that fits, and its rest goes on the next
** line two spaces in; a word that would not fit such a line either is cut
** mid-word where the line ends. tests/trace_formats/
** compare.py wraps the JSON events the same way and checks they agree.
*/
static size_t wrap_cut(Wrap *w, size_t width, const char *s, size_t n, const char **start);

static inline __attribute__((always_inline)) size_t wrap_next(Wrap *w, size_t width, const char **start, bool *indent)
{
    *start = "";
    *indent = false;
    if (!wrap_more(w)) return 0;
    const char *s = w->s + w->pos;
    /* the item's end, looked for no further than the line could take it */
    size_t rem = w->len - w->pos, avail = width - (w->cont ? 2 : 0);
    const char *nl = find_byte(s, rem <= avail ? rem : avail + 1, '\n');
    *indent = w->cont;
    if (nl || rem <= avail) {                   /* fits: no characters to count */
        size_t n = nl ? (size_t)(nl - s) : rem;
        *start = s;
        w->pos += n + (nl != NULL);
        w->cont = false;
        return n;
    }
    nl = find_byte(s + avail + 1, rem - avail - 1, '\n');
    return wrap_cut(w, width, s, nl ? (size_t)(nl - s) : rem, start);
}

/* wrap_next's item s[0..n) that is longer than the line: its first piece.
** Out of line: wrap_next, inline, is mostly the case above. */
static __attribute__((noinline)) size_t wrap_cut(Wrap *w, size_t width, const char *s, size_t n, const char **start)
{
    size_t avail = width - (w->cont ? 2 : 0);
    size_t bytes = 0, chars = 0, space = 0;
    if (w->ascii || utf8_chars(s, avail) == avail) {   /* ASCII: a byte is a character */
        bytes = avail;
        space = find_last(s, 1, avail, ' ');
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
        const char *sp = cut + 1 < n ? find_byte(s + cut + 1, n - cut - 1, ' ') : NULL;
        size_t e = sp ? (size_t)(sp - s) : n;
        size_t word = w->ascii ? e - cut - 1 : utf8_chars(s + cut + 1, e - cut - 1);
        if (word > width - 2) cut = bytes;
    }
    w->pos += cut + (s[cut] == ' ');
    w->cont = true;
    return cut;
}

/*
** A line of the table being written straight into the row buffer: 'p' is
** where its next byte goes, 'col' its width so far in characters. Its first
** LINE_BLANK bytes are spaces from the start, so padding there only moves
** 'p'. No line takes LINE_ROOM bytes: a cell's line is at most its width
** in characters (wrap_next), at most 4 bytes each, and the widths add up
** to 120 (fixed columns that run long add the digits of a 64-bit number).
*/
typedef struct { char *start, *p; size_t col; } Line;

enum { LINE_BLANK = 128, LINE_ROOM = 2048 };

static Line line_begin(StrBuf *row)
{
    char *p = room(row, LINE_ROOM);
    memset(p, ' ', LINE_BLANK);
    return (Line){ p, p, 0 };
}

static void line_end(StrBuf *row, Line *ln)
{
    *ln->p++ = '\n';
    *ln->p = '\0';
    row->len = (size_t)(ln->p - row->s);
}

/* Adds a cell of 'chars' characters that starts at column 'at' (or one space
** after a cell that ran long). */
static void line_put(Line *ln, size_t at, bool indent, const char *s, size_t n, size_t chars)
{
    if (!n && !indent) return;
    size_t want = ln->col < at ? at : ln->col + (ln->col > 0);
    size_t pad = want - ln->col + (indent ? 2 : 0);
    if (ln->p + pad > ln->start + LINE_BLANK) memset(ln->p, ' ', pad);
    ln->p += pad;
    copy_short(ln->p, s, n);
    ln->p += n;
    ln->col = want + (indent ? 2 : 0) + chars;
}

/* "0x%04llx" at the end of buf[24]; returns where the text starts */
static char *hex_offset(char buf[24], uint64_t v)
{
    char *p = buf + 24;
    for (int digits = 0; digits < 4 || v; digits += 2, v >>= 8) { p -= 2; memcpy(p, hex_pairs + 2 * (v & 0xFF), 2); }
    if (*p == '0' && p < buf + 20) p++;         /* an odd number of digits, more than 4 */
    *--p = 'x';
    *--p = '0';
    return p;
}

enum { NFIXED = 3, NWRAP = 4 };
static const size_t col_start[NFIXED + NWRAP] = {
    0, W_STEP + 1, W_STEP + W_LINE + 2, W_STEP + W_LINE + W_PC + 3,
    W_STEP + W_LINE + W_PC + W_INSTR + 4, W_STEP + W_LINE + W_PC + W_INSTR + W_FETCH + 5,
    W_STEP + W_LINE + W_PC + W_INSTR + W_FETCH + W_COMPUTE + 6,
};

/* Writes out the rows gathered in t->row; on return t->out holds them all. */
static void flush_rows(Tracer *t)
{
    if (t->bg) {
        bgw_submit(t->bg, &t->row, t->lay_out);
        bgw_wait(t->bg);
        return;
    }
    if (t->row.len) fwrite(t->row.s, 1, t->row.len, t->out);
    sb_clear(&t->row);
}

/* What a row of the table holds, before it is laid out in lines. */
typedef struct {
    uint64_t step;
    Addr offset;
    uint32_t line;
    size_t len[NWRAP];          /* instruction, fetch, compute, store (a dying list's store cell can pass 4 GB) */
    bool header;                /* the first row: the header's line goes first */
} RowHead;

/* The next piece of a cell on the line, at column 'at' and at most 'width'
** characters (0: the store column, whatever the line leaves). */
static inline __attribute__((always_inline)) void lay_cell(Line *ln, Wrap *w, size_t at, size_t width)
{
    if (!wrap_more(w)) return;                  /* nothing to put on this line */
    if (!width) width = TABLE_WIDTH - (ln->col < at ? at : ln->col + 1);
    const char *s;
    bool indent;
    size_t n = wrap_next(w, width < W_STORE / 2 ? W_STORE / 2 : width, &s, &indent);
    line_put(ln, at, indent, s, n, w->ascii ? n : utf8_chars(s, n));
}

/* Lays a row out as the table's lines and appends them to 'out' (the
** header's line first when rh->header). */
static void table_lines(StrBuf *out, const RowHead *rh, const char *const cell[NWRAP])
{
    if (rh->header) {
        static const char *const names[] = { "step", "line", "pc", "instruction", "fetch", "compute", "store" };
        Line ln = line_begin(out);
        for (int i = 0; i < NFIXED + NWRAP; i++) {
            size_t n = strlen(names[i]);
            line_put(&ln, col_start[i], false, names[i], n, n);
        }
        line_end(out, &ln);
    }
    Wrap cells[NWRAP];
    for (int i = 0; i < NWRAP; i++) cells[i] = wrap_of(cell[i], rh->len[i]);
    for (bool first = true;; first = false) {
        bool any = first;
        for (int i = 0; i < NWRAP; i++) any |= wrap_more(&cells[i]);
        if (!any) break;
        Line ln = line_begin(out);
        if (first) {
            char buf[24], *s;
            uint64_t fixed[NFIXED] = { rh->step, rh->line, rh->offset };
            for (int i = 0; i < NFIXED; i++) {
                s = i < 2 ? dec_text(buf, fixed[i]) : hex_offset(buf, fixed[i]);
                size_t n = (size_t)(buf + sizeof buf - s);
                line_put(&ln, col_start[i], false, s, n, n);
            }
        }
        /* the cells one by one, each with its constants (a loop over them
        ** kept the four Wraps in memory) */
        lay_cell(&ln, &cells[0], col_start[NFIXED + 0], W_INSTR);
        lay_cell(&ln, &cells[1], col_start[NFIXED + 1], W_FETCH);
        lay_cell(&ln, &cells[2], col_start[NFIXED + 2], W_COMPUTE);
        lay_cell(&ln, &cells[3], col_start[NFIXED + 3], 0);
        line_end(out, &ln);
    }
}

/*
** The batches a file's rows wait in (t->batch) hold each row either laid
** out as lines or packed: a RowHead, then its four cells' bytes, which the
** writer's thread lays out (shape_rows). Which is chosen per batch: packed
** while the writer keeps up, laid out here while it is behind. Into ext4
** the writer keeps up and the layout (a third of this thread's time in a
** traced loop) moves off the VM's thread; into tmpfs, whose writes cost
** more, the work stays split as the writer has room for it.
*/
static void shape_rows(const StrBuf *in, StrBuf *out)
{
    for (size_t at = 0; at < in->len;) {
        RowHead rh;
        memcpy(&rh, in->s + at, sizeof rh);
        at += sizeof rh;
        const char *cell[NWRAP];
        for (int i = 0; i < NWRAP; i++) { cell[i] = in->s + at; at += rh.len[i]; }
        table_lines(out, &rh, cell);
    }
}

/* The row of the step that ends: laid out in t->row and written at once
** when nothing else may write between rows, else added to the batch. */
static void table_row(Tracer *t)
{
    const StrBuf *c[NWRAP] = { &t->instr, &t->fetch, &t->compute, &t->store };
    RowHead rh = { t->step, t->offset, t->line, { c[0]->len, c[1]->len, c[2]->len, c[3]->len },
                   !t->header_done };
    t->header_done = true;
    if (!t->batch || t->lay_out) {
        const char *cell[NWRAP] = { c[0]->s, c[1]->s, c[2]->s, c[3]->s };
        table_lines(&t->row, &rh, cell);
        if (!t->batch) flush_rows(t);
    } else {
        size_t n = sizeof rh + c[0]->len + c[1]->len + c[2]->len + c[3]->len;
        char *p = room(&t->row, n);
        memcpy(p, &rh, sizeof rh);
        p += sizeof rh;
        for (int i = 0; i < NWRAP; i++) { copy_short(p, c[i]->s, c[i]->len); p += c[i]->len; }
        t->row.len += n;
    }
    if (t->batch && t->row.len >= ROW_BATCH) t->lay_out = bgw_submit(t->bg, &t->row, t->lay_out) > 2;
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
