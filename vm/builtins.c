/*
** vm/builtins.c: built-in functions, types as constructors, the sys module
** and the methods of str, list and dict. A native gets its arguments
** borrowed and returns a new reference (0 with vm->err set).
*/
#include "vm/builtins.h"

#include <math.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "heap/numfmt.h"
#include "vm/ops.h"
#include "vm/trace.h"

static Heap *H(Vm *vm) { return vm->h; }
static Addr nomem(Vm *vm) { return vm_raise(vm, EXC_MEMORY, "%s", ""); }
static Addr chk(Vm *vm, Addr r) { return r ? r : nomem(vm); }
static Addr none(Vm *vm) { return heap_none(H(vm)); }

/* keyword argument 'name' of a call (borrowed) or 0 */
static Addr kwarg(Vm *vm, Addr *args, unsigned n, Addr kw, const char *name)
{
    if (!kw) return 0;
    size_t nk = tuple_len(H(vm), kw);
    for (size_t i = 0; i < nk; i++)
        if (str_eq_cstr(H(vm), tuple_get(H(vm), kw, i), name)) return args[n - nk + i];
    return 0;
}

static unsigned npos(Vm *vm, unsigned n, Addr kw) { return n - (kw ? (unsigned)tuple_len(H(vm), kw) : 0); }

static bool only_kw(Vm *vm, const char *fn, unsigned n, Addr kw, const char *const *allowed)
{
    if (!kw) return true;
    size_t nk = tuple_len(H(vm), kw);
    for (size_t i = 0; i < nk; i++) {
        Addr k = tuple_get(H(vm), kw, i);
        bool ok = false;
        for (const char *const *a = allowed; *a; a++) if (str_eq_cstr(H(vm), k, *a)) ok = true;
        if (!ok) {
            StrBuf s; sb_init(&s); str_to_utf8(H(vm), k, &s);
            vm_raise(vm, EXC_TYPE, "'%s' is an invalid keyword argument for %s()", s.s, fn);
            sb_free(&s);
            return false;
        }
    }
    (void)n;
    return true;
}

static void emit_out(Vm *vm, const char *s, size_t n)
{
    fwrite(s, 1, n, vm->out);
    if (vm->tr) trace_output(vm->tr, s, n);
}

/* ---------------- functions ---------------- */

static Addr b_print(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self;
    static const char *const ok[] = { "sep", "end", "file", "flush", NULL };
    if (!only_kw(vm, "print", n, kw, ok)) return 0;
    unsigned np = npos(vm, n, kw);
    Addr sep = kwarg(vm, args, n, kw, "sep"), end = kwarg(vm, args, n, kw, "end");
    StrBuf s; sb_init(&s);
    for (unsigned i = 0; i < np; i++) {
        if (i) { if (sep && sep != H(vm)->none) op_str(vm, sep, &s); else sb_putc(&s, ' '); }
        if (obj_type(H(vm), args[i]) == TY_INT) {
            Addr t = op_str_obj(vm, args[i]);
            if (!t) { sb_free(&s); return 0; }
            str_to_utf8(H(vm), t, &s);
            heap_decref(H(vm), t);
        } else {
            op_str(vm, args[i], &s);
        }
    }
    if (end && end != H(vm)->none) op_str(vm, end, &s); else sb_putc(&s, '\n');
    emit_out(vm, s.s ? s.s : "", s.len);
    sb_free(&s);
    return none(vm);
}

static Addr b_len(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    Heap *h = H(vm);
    Addr o = args[0];
    int64_t len;
    switch (obj_type(h, o)) {
    case TY_STR: len = (int64_t)str_len(h, o); break;
    case TY_LIST: len = (int64_t)list_len(h, o); break;
    case TY_TUPLE: len = (int64_t)tuple_len(h, o); break;
    case TY_DICT: len = (int64_t)dict_len(h, o); break;
    case TY_DICTKEYS: case TY_DICTVALUES: case TY_DICTITEMS: len = (int64_t)dict_len(h, obj_field(h, o, 0)); break;
    case TY_RANGE: { Addr l = obj_field(h, o, 3); heap_incref(h, l); return l; }
    default: return vm_raise(vm, EXC_TYPE, "object of type '%s' has no len()", op_type_name(vm, o));
    }
    return chk(vm, int_from_i64(h, len));
}

static Addr b_id(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    BigInt b; big_init(&b);
    big_set_u64(&b, args[0]);
    Addr r = chk(vm, int_from_big(H(vm), &b));
    big_free(&b);
    return r;
}

static Addr b_type(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    if (n != 1) return vm_raise(vm, EXC_TYPE, "type() takes 1 or 3 arguments");
    Addr t = obj_type_addr(H(vm), args[0]);
    heap_incref(H(vm), t);
    return t;
}

static Addr b_repr(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; (void)n; (void)kw; return op_repr_obj(vm, args[0]); }

static Addr b_abs(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    Heap *h = H(vm);
    TypeId t = obj_type(h, args[0]);
    if (t == TY_FLOAT) return chk(vm, float_new(h, fabs(float_value(h, args[0]))));
    if (t == TY_INT || t == TY_BOOL) {
        if (int_sign(h, args[0]) < 0) return op_unary(vm, OP_NEG, args[0]);
        if (t == TY_BOOL) { int64_t v; int_small(h, args[0], &v); return chk(vm, int_from_i64(h, v)); }
        heap_incref(h, args[0]);
        return args[0];
    }
    return vm_raise(vm, EXC_TYPE, "bad operand type for abs(): '%s'", op_type_name(vm, args[0]));
}

static Addr iter_to_list(Vm *vm, Addr src)
{
    Heap *h = H(vm);
    Addr it = op_iter(vm, src);
    if (!it) return 0;
    Addr l = list_new(h, 0);
    if (!l) { heap_decref(h, it); return nomem(vm); }
    TypeId t = obj_type(h, src);
    size_t hint = t == TY_LIST ? list_len(h, src) : t == TY_TUPLE ? tuple_len(h, src) : t == TY_STR ? str_len(h, src)
                : t == TY_DICT ? dict_len(h, src) : 0;
    if (t == TY_RANGE) { int64_t x; if (int_to_i64(h, obj_field(h, src, 3), &x)) hint = (size_t)x; }
    if (hint && list_preallocate_exact(h, l, hint) != 0) { heap_decref(h, it); heap_decref(h, l); return nomem(vm); }
    Addr v;
    int st;
    while ((st = op_next(vm, it, &v)) == 1)
        if (list_append(h, l, v) != 0) { heap_decref(h, it); heap_decref(h, l); return nomem(vm); }
    heap_decref(h, it);
    if (st < 0) { heap_decref(h, l); return 0; }
    return l;
}

static Addr b_min_max(Vm *vm, Addr *args, unsigned n, Addr kw, bool is_max)
{
    Heap *h = H(vm);
    const char *name = is_max ? "max" : "min";
    static const char *const ok[] = { "key", "default", NULL };
    if (!only_kw(vm, name, n, kw, ok)) return 0;
    unsigned np = npos(vm, n, kw);
    Addr key = kwarg(vm, args, n, kw, "key");
    Addr dflt = kwarg(vm, args, n, kw, "default");
    if (key && key != h->none) return vm_raise(vm, EXC_TYPE, "%s(key=...) is not supported by tracevm", name);
    if (np == 0) return vm_raise(vm, EXC_TYPE, "%s expected at least 1 argument, got 0", name);
    Addr seq;
    if (np == 1) { seq = iter_to_list(vm, args[0]); if (!seq) return 0; }
    else {
        seq = list_new(h, np);
        if (!seq) return nomem(vm);
        for (unsigned i = 0; i < np; i++) { heap_incref(h, args[i]); ram_set_word(&h->ram, list_items(h, seq) + i * h->W, args[i]); }
    }
    size_t len = list_len(h, seq);
    if (len == 0) {
        heap_decref(h, seq);
        if (dflt) { heap_incref(h, dflt); return dflt; }
        if (strcmp(vm->prof.python_version, "3.12") >= 0)
            return vm_raise(vm, EXC_VALUE, "%s() iterable argument is empty", name);
        return vm_raise(vm, EXC_VALUE, "%s() arg is an empty sequence", name);
    }
    Addr best = list_get(h, seq, 0);
    for (size_t i = 1; i < len; i++) {
        Addr x = list_get(h, seq, i);
        int c = op_order(vm, x, best, is_max ? ">" : "<");
        if (c == -2) { heap_decref(h, seq); return 0; }
        if (c == 2) continue;
        if (is_max ? c > 0 : c < 0) best = x;
    }
    heap_incref(h, best);
    heap_decref(h, seq);
    return best;
}

static Addr b_min(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; return b_min_max(vm, args, n, kw, false); }
static Addr b_max(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; return b_min_max(vm, args, n, kw, true); }

static Addr b_sum(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    Heap *h = H(vm);
    Addr acc = n > 1 ? args[1] : 0;
    if (acc && obj_type(h, acc) == TY_STR) return vm_raise(vm, EXC_TYPE, "sum() can't sum strings [use ''.join(seq) instead]");
    if (acc) heap_incref(h, acc); else acc = int_from_i64(h, 0);
    Addr it = op_iter(vm, args[0]);
    if (!it) { heap_decref(h, acc); return 0; }
    Addr v;
    int st;
    while ((st = op_next(vm, it, &v)) == 1) {
        Addr r = op_binary(vm, OP_ADD, acc, v);
        heap_decref(h, v);
        heap_decref(h, acc);
        if (!r) { heap_decref(h, it); return 0; }
        acc = r;
    }
    heap_decref(h, it);
    if (st < 0) { heap_decref(h, acc); return 0; }
    return acc;
}

/* stable merge sort of items[] with op_order; -1 on a comparison error */
static int sort_items(Vm *vm, Addr *a, Addr *tmp, size_t n, bool reverse)
{
    if (n < 2) return 0;
    size_t m = n / 2;
    if (sort_items(vm, a, tmp, m, reverse) || sort_items(vm, a + m, tmp, n - m, reverse)) return -1;
    size_t i = 0, j = m, k = 0;
    while (i < m && j < n) {
        int c = op_order(vm, a[j], a[i], "<");
        if (c == -2) return -1;
        bool take_right = reverse ? c > 0 && c != 2 : c < 0;
        tmp[k++] = take_right ? a[j++] : a[i++];
    }
    while (i < m) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
    return 0;
}

static int list_sort(Vm *vm, Addr l, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    static const char *const ok[] = { "key", "reverse", NULL };
    if (!only_kw(vm, "sort", n, kw, ok)) return -1;
    Addr key = kwarg(vm, args, n, kw, "key");
    Addr rev = kwarg(vm, args, n, kw, "reverse");
    if (key && key != h->none) { vm_raise(vm, EXC_TYPE, "sort(key=...) is not supported by tracevm"); return -1; }
    bool reverse = rev ? op_truth(vm, rev) == 1 : false;
    size_t len = list_len(h, l);
    Addr *a = xmalloc((len + 1) * sizeof *a), *tmp = xmalloc((len + 1) * sizeof *tmp);
    for (size_t i = 0; i < len; i++) a[i] = list_get(h, l, i);
    int st = sort_items(vm, a, tmp, len, reverse);
    if (st == 0) for (size_t i = 0; i < len; i++) ram_set_word(&h->ram, list_items(h, l) + i * h->W, a[i]);
    free(a); free(tmp);
    return st;
}

static Addr b_sorted(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self;
    Addr l = iter_to_list(vm, args[0]);
    if (!l) return 0;
    if (list_sort(vm, l, args, n, kw) != 0) { heap_decref(H(vm), l); return 0; }
    return l;
}

static Addr b_isinstance(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    Heap *h = H(vm);
    Addr cls = args[1];
    TypeId t = obj_type(h, args[0]);
    if (obj_type(h, cls) == TY_TUPLE) {
        for (size_t i = 0; i < tuple_len(h, cls); i++) {
            Addr sub[2] = { args[0], tuple_get(h, cls, i) };
            Addr r = b_isinstance(vm, 0, sub, 2, 0);
            if (!r) return 0;
            if (r == h->true_) return r;
            heap_decref(h, r);
        }
        return heap_bool(h, false);
    }
    if (obj_type(h, cls) != TY_TYPE) return vm_raise(vm, EXC_TYPE, "isinstance() arg 2 must be a type, a tuple of types, or a union");
    Addr ta = obj_type_addr(h, args[0]);
    bool r = ta == cls || (t == TY_BOOL && cls == heap_type_obj(h, TY_INT));
    return heap_bool(h, r);
}

static Addr b_round(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    Heap *h = H(vm);
    TypeId t = obj_type(h, args[0]);
    bool has_nd = n > 1 && args[1] != h->none;
    if (t == TY_INT || t == TY_BOOL) {
        if (!has_nd) { int64_t v; if (t == TY_BOOL) { int_small(h, args[0], &v); return chk(vm, int_from_i64(h, v)); } heap_incref(h, args[0]); return args[0]; }
        int64_t nd;
        if (!op_index(vm, args[1], &nd)) return 0;
        if (nd >= 0) { heap_incref(h, args[0]); return args[0]; }
        /* round to 10**-nd, half to even */
        BigInt p, q, r, x, two;
        big_init(&p); big_init(&q); big_init(&r); big_init(&x); big_init(&two);
        big_set_i64(&p, 10);
        big_pow(&p, &p, (uint64_t)-nd);
        int_to_big(h, args[0], &x);
        big_divmod(&q, &r, &x, &p);
        big_set_i64(&two, 2);
        BigInt r2; big_init(&r2); big_mul(&r2, &r, &two);
        int c = big_cmp(&r2, &p);
        BigInt one; big_init(&one); big_set_i64(&one, 1);
        if (c > 0 || (c == 0 && q.n && (q.d[0] & 1))) big_add(&q, &q, &one);
        big_mul(&q, &q, &p);
        Addr res = chk(vm, int_from_big(h, &q));
        big_free(&p); big_free(&q); big_free(&r); big_free(&x); big_free(&two); big_free(&r2); big_free(&one);
        return res;
    }
    if (t != TY_FLOAT) return vm_raise(vm, EXC_TYPE, "type %s doesn't define __round__ method", op_type_name(vm, args[0]));
    double x = float_value(h, args[0]);
    if (!has_nd) return op_int_from_double(vm, fmt_round_half_even(x));
    int64_t nd;
    if (!op_index(vm, args[1], &nd)) return 0;
    double out;
    StrBuf err; sb_init(&err);
    if (fmt_float_round(x, nd, &out, &err) != 0) { vm_raise(vm, EXC_OVERFLOW, "%s", err.s); sb_free(&err); return 0; }
    sb_free(&err);
    return chk(vm, float_new(h, out));
}

static Addr b_chr(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    int64_t c;
    if (!op_index(vm, args[0], &c)) return 0;
    if (c < 0 || c > 0x10FFFF) return vm_raise(vm, EXC_VALUE, "chr() arg not in range(0x110000)");
    uint32_t cp = (uint32_t)c;
    if (cp < 256) return str_char_singleton(H(vm), cp);
    return chk(vm, str_from_cps(H(vm), &cp, 1));
}

static Addr b_ord(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    Heap *h = H(vm);
    if (obj_type(h, args[0]) != TY_STR) return vm_raise(vm, EXC_TYPE, "ord() expected string of length 1, but %s found", op_type_name(vm, args[0]));
    if (str_len(h, args[0]) != 1) return vm_raise(vm, EXC_TYPE, "ord() expected a character, but string of length %zu found", str_len(h, args[0]));
    return chk(vm, int_from_i64(h, str_char(h, args[0], 0)));
}

static Addr int_base_text(Vm *vm, Addr v, int base)
{
    Heap *h = H(vm);
    if (!op_is_int(vm, v)) return vm_raise(vm, EXC_TYPE, "'%s' object cannot be interpreted as an integer", op_type_name(vm, v));
    int_to_big(h, v, &h->t1);
    StrBuf s; sb_init(&s);
    big_to_base(&h->t1, base, true, &s);
    Addr r = op_str_utf8(vm, s.s, s.len);
    sb_free(&s);
    return r;
}

static Addr b_hex(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; (void)n; (void)kw; return int_base_text(vm, args[0], 16); }
static Addr b_bin(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; (void)n; (void)kw; return int_base_text(vm, args[0], 2); }
static Addr b_oct(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; (void)n; (void)kw; return int_base_text(vm, args[0], 8); }

static Addr b_input(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    if (n) { StrBuf s; sb_init(&s); op_str(vm, args[0], &s); emit_out(vm, s.s ? s.s : "", s.len); sb_free(&s); fflush(vm->out); }
    StrBuf line; sb_init(&line);
    int ch;
    bool any = false;
    while ((ch = fgetc(vm->in)) != EOF) {
        any = true;
        if (ch == '\n') break;
        sb_putc(&line, (char)ch);
    }
    if (!any) { sb_free(&line); return vm_raise(vm, EXC_EOF, "EOF when reading a line"); }
    if (line.len && line.s[line.len - 1] == '\r') line.len--;
    Addr r = op_str_utf8(vm, line.s ? line.s : "", line.len);
    sb_free(&line);
    return r;
}

static Addr b_enumerate(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    Heap *h = H(vm);
    Addr it = op_iter(vm, args[0]);
    if (!it) return 0;
    Addr e = heap_new_object(h, TY_ENUMERATE, 2, 0);
    if (!e) { heap_decref(h, it); return nomem(vm); }
    Addr start = n > 1 ? args[1] : 0;
    if (start) heap_incref(h, start); else start = int_from_i64(h, 0);
    obj_set_field(h, e, 0, it);
    obj_set_field(h, e, 1, start);
    return e;
}

static Addr b_zip(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    Heap *h = H(vm);
    Addr t = tuple_new(h, n);
    if (!t) return nomem(vm);
    for (unsigned i = 0; i < n; i++) {
        Addr it = op_iter(vm, args[i]);
        if (!it) { heap_decref(h, t); return 0; }
        tuple_set(h, t, i, it);
    }
    Addr z = heap_new_object(h, TY_ZIP, 1, 0);
    if (!z) { heap_decref(h, t); return nomem(vm); }
    obj_set_field(h, z, 0, t);
    return z;
}

/* ---- types called as constructors ---- */

static Addr parse_int_text(Vm *vm, Addr s, int base)
{
    Heap *h = H(vm);
    StrBuf t; sb_init(&t);
    str_to_utf8(h, s, &t);
    const char *p = t.s ? t.s : "", *e = p + t.len;
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' || *p == '\v')) p++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r' || e[-1] == '\f' || e[-1] == '\v')) e--;
    bool neg = false;
    if (p < e && (*p == '+' || *p == '-')) { neg = *p == '-'; p++; }
    int b = base;
    if ((b == 16 || b == 0) && e - p > 1 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) { p += 2; b = 16; if (p < e && *p == '_') p++; }
    else if ((b == 8 || b == 0) && e - p > 1 && p[0] == '0' && (p[1] == 'o' || p[1] == 'O')) { p += 2; b = 8; if (p < e && *p == '_') p++; }
    else if ((b == 2 || b == 0) && e - p > 1 && p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) { p += 2; b = 2; if (p < e && *p == '_') p++; }
    if (b == 0) b = 10;
    BigInt v; big_init(&v);
    Addr r = 0;
    size_t nd = (size_t)(e - p);
    unsigned lim = h->L.max_str_digits;
    bool bad = nd == 0 || *p == '_' || e[-1] == '_';
    for (const char *q = p; !bad && q + 1 < e; q++) if (q[0] == '_' && q[1] == '_') bad = true;
    if (!bad && b == 10 && lim && nd > lim) {
        vm_raise(vm, EXC_VALUE, "Exceeds the limit (%u digits) for integer string conversion: value has %zu digits; use sys.set_int_max_str_digits() to increase the limit", lim, nd);
    } else if (bad || big_from_string(&v, p, nd, b) != 0) {
        StrBuf rp; sb_init(&rp);
        op_repr(vm, s, &rp);
        vm_raise(vm, EXC_VALUE, "invalid literal for int() with base %d: %s", base, rp.s);
        sb_free(&rp);
    } else {
        if (neg) big_neg(&v, &v);
        r = chk(vm, int_from_big(h, &v));
    }
    big_free(&v);
    sb_free(&t);
    return r;
}

static Addr make_int(Vm *vm, Addr *args, unsigned n)
{
    Heap *h = H(vm);
    if (n == 0) return int_from_i64(h, 0);
    Addr x = args[0];
    TypeId t = obj_type(h, x);
    if (n > 1) {
        int64_t base;
        if (!op_index(vm, args[1], &base)) return 0;
        if (t != TY_STR) return vm_raise(vm, EXC_TYPE, "int() can't convert non-string with explicit base");
        if (base != 0 && (base < 2 || base > 36)) return vm_raise(vm, EXC_VALUE, "int() base must be >= 2 and <= 36, or 0");
        return parse_int_text(vm, x, (int)base);
    }
    switch (t) {
    case TY_INT: heap_incref(h, x); return x;
    case TY_BOOL: { int64_t v; int_small(h, x, &v); return chk(vm, int_from_i64(h, v)); }
    case TY_FLOAT: return op_int_from_double(vm, trunc(float_value(h, x)));
    case TY_STR: return parse_int_text(vm, x, 10);
    default: return vm_raise(vm, EXC_TYPE, "int() argument must be a string, a bytes-like object or a real number, not '%s'", op_type_name(vm, x));
    }
}

static Addr make_float(Vm *vm, Addr *args, unsigned n)
{
    Heap *h = H(vm);
    if (n == 0) return chk(vm, float_new(h, 0.0));
    Addr x = args[0];
    TypeId t = obj_type(h, x);
    if (t == TY_FLOAT) { heap_incref(h, x); return x; }
    if (t == TY_INT || t == TY_BOOL) { double d; if (!op_to_double(vm, x, &d)) return 0; return chk(vm, float_new(h, d)); }
    if (t != TY_STR) return vm_raise(vm, EXC_TYPE, "float() argument must be a string or a real number, not '%s'", op_type_name(vm, x));
    StrBuf s; sb_init(&s);
    str_to_utf8(h, x, &s);
    char *p = s.s ? s.s : "", *e = p + s.len;
    while (p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) e--;
    char buf[512];
    size_t len = (size_t)(e - p);
    bool ok = len > 0 && len < sizeof buf;
    double d = 0;
    if (ok) {
        size_t k = 0;
        for (size_t i = 0; i < len; i++) {
            if (p[i] == '_') {
                if (i == 0 || i + 1 == len || !(p[i - 1] >= '0' && p[i - 1] <= '9') || !(p[i + 1] >= '0' && p[i + 1] <= '9')) { ok = false; break; }
                continue;
            }
            buf[k++] = p[i];
        }
        buf[k] = '\0';
        const char *q = buf[0] == '+' || buf[0] == '-' ? buf + 1 : buf;
        bool word = strcasecmp(q, "inf") == 0 || strcasecmp(q, "infinity") == 0 || strcasecmp(q, "nan") == 0;
        bool hexlike = q[0] == '0' && (q[1] == 'x' || q[1] == 'X');
        bool alpha_ok = true;
        for (const char *c = q; *c; c++) if ((*c >= 'a' && *c <= 'z' && *c != 'e') || (*c >= 'A' && *c <= 'Z' && *c != 'E')) alpha_ok = false;
        if (ok && !hexlike && (word || alpha_ok)) {
            char *end;
            d = strtod(buf, &end);
            ok = *end == '\0' && end != buf;
        } else {
            ok = false;
        }
    }
    Addr r = 0;
    if (!ok) {
        StrBuf rp; sb_init(&rp); op_repr(vm, x, &rp);
        vm_raise(vm, EXC_VALUE, "could not convert string to float: %s", rp.s);
        sb_free(&rp);
    } else {
        r = chk(vm, float_new(h, d));
    }
    sb_free(&s);
    return r;
}

static Addr make_range(Vm *vm, Addr *args, unsigned n)
{
    Heap *h = H(vm);
    if (n == 0 || n > 3) return vm_raise(vm, EXC_TYPE, n ? "range expected at most 3 arguments, got %u" : "range expected at least 1 argument, got %u", n);
    for (unsigned i = 0; i < n; i++)
        if (!op_is_int(vm, args[i])) return vm_raise(vm, EXC_TYPE, "'%s' object cannot be interpreted as an integer", op_type_name(vm, args[i]));
    Addr start, stop, step;
    if (n == 1) { start = int_from_i64(h, 0); stop = args[0]; heap_incref(h, stop); step = int_from_i64(h, 1); }
    else { start = args[0]; stop = args[1]; heap_incref(h, start); heap_incref(h, stop); if (n == 3) { step = args[2]; heap_incref(h, step); } else step = int_from_i64(h, 1); }
    int64_t a, b, s;
    if (!int_to_i64(h, start, &a) || !int_to_i64(h, stop, &b) || !int_to_i64(h, step, &s)) {
        heap_decref(h, start); heap_decref(h, stop); heap_decref(h, step);
        return vm_raise(vm, EXC_OVERFLOW, "range() arguments beyond 64 bits are not supported by tracevm");
    }
    if (s == 0) { heap_decref(h, start); heap_decref(h, stop); heap_decref(h, step); return vm_raise(vm, EXC_VALUE, "range() arg 3 must not be zero"); }
    int64_t len = s > 0 ? (b > a ? (b - a - 1) / s + 1 : 0) : (a > b ? (a - b - 1) / (-s) + 1 : 0);
    Addr r = heap_new_object(h, TY_RANGE, 4, 0);
    Addr l = int_from_i64(h, len);
    if (!r || !l) { heap_decref(h, start); heap_decref(h, stop); heap_decref(h, step); if (r) heap_decref(h, r); return nomem(vm); }
    obj_set_field(h, r, 0, start);
    obj_set_field(h, r, 1, stop);
    obj_set_field(h, r, 2, step);
    obj_set_field(h, r, 3, l);
    return r;
}

static Addr make_dict(Vm *vm, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    Addr d = dict_new(h);
    if (!d) return nomem(vm);
    unsigned np = npos(vm, n, kw);
    if (np) {
        Addr src = args[0];
        if (obj_type(h, src) == TY_DICT) {
            size_t pos = 0; Addr k, v;
            while (dict_next(h, src, &pos, &k, &v)) { heap_incref(h, v); dict_set(h, d, k, v); }
        } else {
            Addr it = op_iter(vm, src);
            if (!it) { heap_decref(h, d); return 0; }
            Addr p;
            int st;
            while ((st = op_next(vm, it, &p)) == 1) {
                Addr items = iter_to_list(vm, p);
                heap_decref(h, p);
                if (!items) { heap_decref(h, it); heap_decref(h, d); return 0; }
                if (list_len(h, items) != 2) {
                    vm_raise(vm, EXC_VALUE, "dictionary update sequence element #0 has length %zu; 2 is required", list_len(h, items));
                    heap_decref(h, items); heap_decref(h, it); heap_decref(h, d);
                    return 0;
                }
                Addr v = list_get(h, items, 1);
                if (!op_check_hashable(vm, list_get(h, items, 0))) { heap_decref(h, items); heap_decref(h, it); heap_decref(h, d); return 0; }
                heap_incref(h, v);
                dict_set(h, d, list_get(h, items, 0), v);
                heap_decref(h, items);
            }
            heap_decref(h, it);
            if (st < 0) { heap_decref(h, d); return 0; }
        }
    }
    if (kw) {
        size_t nk = tuple_len(h, kw);
        for (size_t i = 0; i < nk; i++) { heap_incref(h, args[np + i]); dict_set(h, d, tuple_get(h, kw, i), args[np + i]); }
    }
    return d;
}

static Addr call_type(Vm *vm, TypeId t, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    unsigned np = npos(vm, n, kw);
    if (t != TY_DICT && kw) return vm_raise(vm, EXC_TYPE, "%s() takes no keyword arguments", heap_type_names[t]);
    switch (t) {
    case TY_INT: if (np > 2) return vm_raise(vm, EXC_TYPE, "int() takes at most 2 arguments (%u given)", np); return make_int(vm, args, np);
    case TY_FLOAT: if (np > 1) return vm_raise(vm, EXC_TYPE, "float expected at most 1 argument, got %u", np); return make_float(vm, args, np);
    case TY_STR:
        if (np == 0) return str_from_utf8(h, "", 0);
        if (np > 1) return vm_raise(vm, EXC_TYPE, "str() with an encoding is not supported by tracevm");
        return op_str_obj(vm, args[0]);
    case TY_BOOL: {
        if (np == 0) return heap_bool(h, false);
        int tr = op_truth(vm, args[0]);
        return tr < 0 ? 0 : heap_bool(h, tr);
    }
    case TY_LIST:
        if (np == 0) return chk(vm, list_new(h, 0));
        return iter_to_list(vm, args[0]);
    case TY_TUPLE: {
        if (np == 0) return tuple_new(h, 0);
        if (obj_type(h, args[0]) == TY_TUPLE) { heap_incref(h, args[0]); return args[0]; }
        Addr l = iter_to_list(vm, args[0]);
        if (!l) return 0;
        size_t len = list_len(h, l);
        Addr tp = tuple_new(h, len);
        if (!tp) { heap_decref(h, l); return nomem(vm); }
        for (size_t i = 0; i < len; i++) { Addr v = list_get(h, l, i); heap_incref(h, v); tuple_set(h, tp, i, v); }
        heap_decref(h, l);
        return tp;
    }
    case TY_DICT: return make_dict(vm, args, n, kw);
    case TY_RANGE: return make_range(vm, args, np);
    case TY_ENUMERATE: if (np < 1) return vm_raise(vm, EXC_TYPE, "enumerate() missing required argument 'iterable'"); return b_enumerate(vm, 0, args, np, 0);
    case TY_ZIP: return b_zip(vm, 0, args, np, 0);
    case TY_TYPE: return b_type(vm, 0, args, np, 0);
    default: return vm_raise(vm, EXC_TYPE, "cannot create '%s' instances", heap_type_names[t]);
    }
}

/* ---- sys ---- */

static Addr s_getsizeof(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    return chk(vm, int_from_i64(H(vm), (int64_t)heap_sizeof(H(vm), args[0])));
}

static Addr s_getrefcount(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    uint64_t rc = obj_refcnt(H(vm), args[0]);
    if (H(vm)->W == 4) rc = (uint64_t)(int64_t)(int32_t)(uint32_t)rc;
    BigInt b; big_init(&b);
    big_set_u64(&b, rc);
    Addr r = chk(vm, int_from_big(H(vm), &b));
    big_free(&b);
    return r;
}

static Addr s_intern(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    Heap *h = H(vm);
    if (obj_type(h, args[0]) != TY_STR) return vm_raise(vm, EXC_TYPE, "intern() argument must be str, not %s", op_type_name(vm, args[0]));
    heap_incref(h, args[0]);
    return str_intern(h, args[0]);
}

/* ---------------- str methods ---------------- */

static void to_cps(Heap *h, Addr s, uint32_t **out, size_t *n)
{
    *n = str_len(h, s);
    *out = xmalloc((*n + 1) * sizeof **out);
    for (size_t i = 0; i < *n; i++) (*out)[i] = str_char(h, s, i);
}

static bool need_str(Vm *vm, Addr a, const char *what)
{
    if (obj_type(H(vm), a) == TY_STR) return true;
    vm_raise(vm, EXC_TYPE, "%s, not %s", what, op_type_name(vm, a));
    return false;
}

static int64_t find_sub(const uint32_t *s, size_t n, const uint32_t *t, size_t m, size_t from)
{
    if (m == 0) return from <= n ? (int64_t)from : -1;
    for (size_t i = from; i + m <= n; i++)
        if (memcmp(s + i, t, m * sizeof *t) == 0) return (int64_t)i;
    return -1;
}

static bool is_space(uint32_t c) { return c == ' ' || (c >= 9 && c <= 13) || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x1F || c == 0x85 || c == 0xA0; }

static Addr m_str_split(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    unsigned np = npos(vm, n, kw);
    Addr sep = np > 0 ? args[0] : kwarg(vm, args, n, kw, "sep");
    Addr ms = np > 1 ? args[1] : kwarg(vm, args, n, kw, "maxsplit");
    int64_t maxsplit = -1;
    if (ms && !op_index(vm, ms, &maxsplit)) return 0;
    uint32_t *s; size_t len;
    to_cps(h, self, &s, &len);
    Addr l = list_new(h, 0);
    if (!l) { free(s); return nomem(vm); }
    if (!sep || sep == h->none) {
        size_t i = 0;
        int64_t splits = 0;
        while (i < len) {
            while (i < len && is_space(s[i])) i++;
            if (i >= len) break;
            size_t j = i;
            if (maxsplit >= 0 && splits >= maxsplit) {
                j = len;
                while (j > i && is_space(s[j - 1])) j--;
            } else {
                while (j < len && !is_space(s[j])) j++;
            }
            list_append(h, l, str_from_cps(h, s + i, j - i));
            splits++;
            i = j;
        }
    } else {
        if (!need_str(vm, sep, "must be str or None")) { free(s); heap_decref(h, l); return 0; }
        uint32_t *t; size_t m;
        to_cps(h, sep, &t, &m);
        if (m == 0) { free(s); free(t); heap_decref(h, l); return vm_raise(vm, EXC_VALUE, "empty separator"); }
        size_t i = 0;
        int64_t splits = 0;
        for (;;) {
            int64_t k = (maxsplit >= 0 && splits >= maxsplit) ? -1 : find_sub(s, len, t, m, i);
            if (k < 0) { list_append(h, l, str_from_cps(h, s + i, len - i)); break; }
            list_append(h, l, str_from_cps(h, s + i, (size_t)k - i));
            i = (size_t)k + m;
            splits++;
        }
        free(t);
    }
    free(s);
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

static Addr m_str_join(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    Addr l = iter_to_list(vm, args[0]);
    if (!l) return 0;
    StrBuf out; sb_init(&out);
    size_t len = list_len(h, l);
    for (size_t i = 0; i < len; i++) {
        Addr x = list_get(h, l, i);
        if (obj_type(h, x) != TY_STR) {
            vm_raise(vm, EXC_TYPE, "sequence item %zu: expected str instance, %s found", i, op_type_name(vm, x));
            sb_free(&out); heap_decref(h, l);
            return 0;
        }
        if (i) str_to_utf8(h, self, &out);
        str_to_utf8(h, x, &out);
    }
    Addr r;
    if (len == 1) { r = list_get(h, l, 0); heap_incref(h, r); }
    else r = op_str_utf8(vm, out.s ? out.s : "", out.len);
    sb_free(&out);
    heap_decref(h, l);
    return r;
}

static Addr strip_impl(Vm *vm, Addr self, Addr *args, unsigned n, int which)
{
    Heap *h = H(vm);
    uint32_t *s; size_t len;
    to_cps(h, self, &s, &len);
    uint32_t *chars = NULL; size_t nc = 0;
    if (n && args[0] != h->none) {
        if (!need_str(vm, args[0], "strip arg must be None or str")) { free(s); return 0; }
        to_cps(h, args[0], &chars, &nc);
    }
    size_t i = 0, j = len;
#define STRIPPABLE(c) (chars ? (memchr_u32(chars, nc, (c))) : is_space(c))
    for (;;) {
        if (which & 1) while (i < j) { uint32_t c = s[i]; bool in = false; if (chars) { for (size_t k = 0; k < nc; k++) if (chars[k] == c) in = true; } else in = is_space(c); if (!in) break; i++; }
        if (which & 2) while (j > i) { uint32_t c = s[j - 1]; bool in = false; if (chars) { for (size_t k = 0; k < nc; k++) if (chars[k] == c) in = true; } else in = is_space(c); if (!in) break; j--; }
        break;
    }
#undef STRIPPABLE
    Addr r;
    if (i == 0 && j == len) { heap_incref(h, self); r = self; }
    else r = chk(vm, str_from_cps(h, s + i, j - i));
    free(s); free(chars);
    return r;
}

static Addr m_str_strip(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return strip_impl(vm, self, args, n, 3); }
static Addr m_str_lstrip(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return strip_impl(vm, self, args, n, 1); }
static Addr m_str_rstrip(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return strip_impl(vm, self, args, n, 2); }

static Addr case_impl(Vm *vm, Addr self, bool upper)
{
    Heap *h = H(vm);
    uint32_t *s; size_t len;
    to_cps(h, self, &s, &len);
    bool changed = false;
    for (size_t i = 0; i < len; i++) {
        uint32_t c = s[i], d = c;
        if (upper) { if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) d = c - 32; }
        else { if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) d = c + 32; }
        if (d != c) { s[i] = d; changed = true; }
    }
    Addr r = chk(vm, str_from_cps(h, s, len));
    (void)changed;
    free(s);
    return r;
}

static Addr m_str_upper(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return case_impl(vm, self, true); }
static Addr m_str_lower(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return case_impl(vm, self, false); }

static Addr m_str_replace(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    if (!need_str(vm, args[0], "replace() argument 1 must be str") || !need_str(vm, args[1], "replace() argument 2 must be str")) return 0;
    int64_t count = -1;
    if (n > 2 && !op_index(vm, args[2], &count)) return 0;
    uint32_t *s, *a, *b; size_t ls, la, lb;
    to_cps(h, self, &s, &ls); to_cps(h, args[0], &a, &la); to_cps(h, args[1], &b, &lb);
    size_t cap = ls + 16, k = 0;
    uint32_t *out = xmalloc(cap * sizeof *out);
    size_t i = 0;
    int64_t done = 0;
    while (i <= ls) {
        int64_t f = (count >= 0 && done >= count) ? -1 : find_sub(s, ls, a, la, i);
        if (f < 0) break;
        size_t need = k + ((size_t)f - i) + lb + 1 + (ls - (size_t)f);
        if (need > cap) { cap = need * 2; out = xrealloc(out, cap * sizeof *out); }
        memcpy(out + k, s + i, ((size_t)f - i) * sizeof *s); k += (size_t)f - i;
        memcpy(out + k, b, lb * sizeof *b); k += lb;
        done++;
        if (la == 0) {
            if ((size_t)f < ls) out[k++] = s[f];
            i = (size_t)f + 1;
        } else {
            i = (size_t)f + la;
        }
    }
    if (i < ls) {
        if (k + ls - i > cap) { cap = k + ls - i + 1; out = xrealloc(out, cap * sizeof *out); }
        memcpy(out + k, s + i, (ls - i) * sizeof *s); k += ls - i;
    }
    Addr r;
    if (done == 0) { heap_incref(h, self); r = self; }
    else r = chk(vm, str_from_cps(h, out, k));
    free(s); free(a); free(b); free(out);
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

static Addr find_impl(Vm *vm, Addr self, Addr *args, unsigned n, int mode)
{
    /* mode 0 find, 1 index, 2 count */
    Heap *h = H(vm);
    if (!need_str(vm, args[0], "must be str")) return 0;
    uint32_t *s, *t; size_t ls, lt;
    to_cps(h, self, &s, &ls); to_cps(h, args[0], &t, &lt);
    size_t lo, hi;
    if (!sub_range(vm, args, n, ls, &lo, &hi)) { free(s); free(t); return 0; }
    int64_t res = -1, cnt = 0;
    if (lo <= hi) {
        for (size_t i = lo; i + lt <= hi;) {
            if (memcmp(s + i, t, lt * sizeof *t) == 0) {
                if (mode != 2) { res = (int64_t)i; break; }
                cnt++;
                i += lt ? lt : 1;
            } else {
                i++;
            }
        }
    }
    free(s); free(t);
    if (mode == 2) return chk(vm, int_from_i64(h, cnt));
    if (res < 0 && mode == 1) return vm_raise(vm, EXC_VALUE, "substring not found");
    return chk(vm, int_from_i64(h, res));
}

static Addr m_str_find(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return find_impl(vm, self, args, n, 0); }
static Addr m_str_index(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return find_impl(vm, self, args, n, 1); }
static Addr m_str_count(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return find_impl(vm, self, args, n, 2); }

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
    for (size_t i = 0; i < lp; i++) if (str_char(h, self, at + i) != str_char(h, p, i)) return heap_bool(h, false);
    return heap_bool(h, true);
}

static Addr m_str_startswith(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return affix_impl(vm, self, args, n, true); }
static Addr m_str_endswith(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)kw; return affix_impl(vm, self, args, n, false); }

static Addr class_impl(Vm *vm, Addr self, int cls)
{
    Heap *h = H(vm);
    size_t len = str_len(h, self);
    if (len == 0) return heap_bool(h, false);
    for (size_t i = 0; i < len; i++) {
        uint32_t c = str_char(h, self, i);
        bool ok = cls == 0 ? (c >= '0' && c <= '9') || c == 0xB2 || c == 0xB3 || c == 0xB9
                : cls == 1 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) || c == 0xAA || c == 0xB5 || c == 0xBA
                : cls == 2 ? is_space(c)
                : ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
        if (!ok) return heap_bool(h, false);
    }
    return heap_bool(h, true);
}

static Addr m_str_isdigit(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return class_impl(vm, self, 0); }
static Addr m_str_isalpha(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return class_impl(vm, self, 1); }
static Addr m_str_isspace(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return class_impl(vm, self, 2); }
static Addr m_str_isalnum(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return class_impl(vm, self, 3); }

static Addr m_str_format(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    unsigned np = npos(vm, n, kw);
    uint32_t *s; size_t len;
    to_cps(h, self, &s, &len);
    StrBuf out; sb_init(&out);
    unsigned auto_i = 0;
    Addr res = 0;
    for (size_t i = 0; i < len; i++) {
        uint32_t c = s[i];
        if (c == '}' ) {
            if (i + 1 < len && s[i + 1] == '}') { sb_putc(&out, '}'); i++; continue; }
            vm_raise(vm, EXC_VALUE, "Single '}' encountered in format string");
            goto done;
        }
        if (c != '{') { sb_put_utf8(&out, c); continue; }
        if (i + 1 < len && s[i + 1] == '{') { sb_putc(&out, '{'); i++; continue; }
        size_t j = i + 1;
        int depth = 1;
        while (j < len && depth) { if (s[j] == '{') depth++; else if (s[j] == '}') depth--; if (depth) j++; }
        if (j >= len) { vm_raise(vm, EXC_VALUE, "Single '{' encountered in format string"); goto done; }
        /* field: name[!conv][:spec] */
        size_t k = i + 1;
        StrBuf name; sb_init(&name);
        while (k < j && s[k] != '!' && s[k] != ':') sb_put_utf8(&name, s[k++]);
        int conv = 0;
        if (k < j && s[k] == '!') { conv = (int)s[k + 1]; k += 2; }
        StrBuf spec; sb_init(&spec);
        if (k < j && s[k] == ':') { k++; while (k < j) sb_put_utf8(&spec, s[k++]); }
        Addr v = 0;
        if (name.len == 0) {
            if (auto_i >= np) { vm_raise(vm, EXC_INDEX, "Replacement index %u out of range for positional args tuple", auto_i); sb_free(&name); sb_free(&spec); goto done; }
            v = args[auto_i++];
        } else if (name.s[0] >= '0' && name.s[0] <= '9') {
            unsigned idx = (unsigned)atoi(name.s);
            if (idx >= np) { vm_raise(vm, EXC_INDEX, "Replacement index %u out of range for positional args tuple", idx); sb_free(&name); sb_free(&spec); goto done; }
            v = args[idx];
        } else {
            v = kwarg(vm, args, n, kw, name.s);
            if (!v) { vm_raise(vm, EXC_KEY, "'%s'", name.s); sb_free(&name); sb_free(&spec); goto done; }
        }
        Addr conv_v = v;
        bool tmp = false;
        if (conv == 'r' || conv == 'a') { conv_v = op_repr_obj(vm, v); tmp = true; }
        else if (conv == 's') { conv_v = op_str_obj(vm, v); tmp = true; }
        Addr sp = spec.len ? str_from_utf8(h, spec.s, spec.len) : 0;
        Addr f = conv_v ? op_format(vm, conv_v, sp) : 0;
        if (sp) heap_decref(h, sp);
        if (tmp && conv_v) heap_decref(h, conv_v);
        sb_free(&name); sb_free(&spec);
        if (!f) goto done;
        str_to_utf8(h, f, &out);
        heap_decref(h, f);
        i = j;
    }
    res = op_str_utf8(vm, out.s ? out.s : "", out.len);
done:
    free(s);
    sb_free(&out);
    return res;
}

/* ---------------- list methods ---------------- */

static Addr m_list_append(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    heap_incref(H(vm), args[0]);
    if (list_append(H(vm), self, args[0]) != 0) return nomem(vm);
    return none(vm);
}

static Addr m_list_extend(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Addr r = op_inplace(vm, OP_ADD, self, args[0]);
    if (!r) return 0;
    heap_decref(H(vm), r);
    return none(vm);
}

static Addr m_list_pop(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    size_t len = list_len(h, self);
    if (len == 0) return vm_raise(vm, EXC_INDEX, "pop from empty list");
    int64_t i = (int64_t)len - 1;
    if (n && !op_index(vm, args[0], &i)) return 0;
    if (i < 0) i += (int64_t)len;
    if (i < 0 || (uint64_t)i >= len) return vm_raise(vm, EXC_INDEX, "pop index out of range");
    return list_pop(h, self, (size_t)i);
}

static Addr m_list_insert(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    int64_t i;
    if (!op_index(vm, args[0], &i)) return 0;
    int64_t len = (int64_t)list_len(h, self);
    if (i < 0) { i += len; if (i < 0) i = 0; }
    if (i > len) i = len;
    heap_incref(h, args[1]);
    if (list_insert(h, self, (size_t)i, args[1]) != 0) return nomem(vm);
    return none(vm);
}

static int64_t list_find(Vm *vm, Addr l, Addr v, int64_t from)
{
    Heap *h = H(vm);
    for (size_t i = (size_t)from; i < list_len(h, l); i++) {
        int e = op_eq(vm, list_get(h, l, i), v);
        if (e < 0) return -2;
        if (e) return (int64_t)i;
    }
    return -1;
}

static Addr m_list_remove(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    int64_t i = list_find(vm, self, args[0], 0);
    if (i == -2) return 0;
    if (i < 0) return vm_raise(vm, EXC_VALUE, "list.remove(x): x not in list");
    heap_decref(H(vm), list_pop(H(vm), self, (size_t)i));
    return none(vm);
}

static Addr m_list_index(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    int64_t from = 0;
    if (n > 1 && !op_index(vm, args[1], &from)) return 0;
    if (from < 0) { from += (int64_t)list_len(H(vm), self); if (from < 0) from = 0; }
    int64_t i = list_find(vm, self, args[0], from);
    if (i == -2) return 0;
    if (i < 0) {
        StrBuf s; sb_init(&s); op_repr(vm, args[0], &s);
        vm_raise(vm, EXC_VALUE, "%s is not in list", s.s);
        sb_free(&s);
        return 0;
    }
    return chk(vm, int_from_i64(H(vm), i));
}

static Addr m_list_count(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)n; (void)kw;
    Heap *h = H(vm);
    int64_t c = 0;
    for (size_t i = 0; i < list_len(h, self); i++) {
        int e = op_eq(vm, list_get(h, self, i), args[0]);
        if (e < 0) return 0;
        c += e;
    }
    return chk(vm, int_from_i64(h, c));
}

static Addr m_list_reverse(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    Heap *h = H(vm);
    size_t len = list_len(h, self);
    Addr items = list_items(h, self);
    for (size_t i = 0; i < len / 2; i++) {
        Addr x = ram_word(&h->ram, items + i * h->W), y = ram_word(&h->ram, items + (len - 1 - i) * h->W);
        ram_set_word(&h->ram, items + i * h->W, y);
        ram_set_word(&h->ram, items + (len - 1 - i) * h->W, x);
    }
    return none(vm);
}

static Addr m_list_sort(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    if (npos(vm, n, kw)) return vm_raise(vm, EXC_TYPE, "sort() takes no positional arguments");
    if (list_sort(vm, self, args, n, kw) != 0) return 0;
    return none(vm);
}

static Addr m_list_copy(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    Heap *h = H(vm);
    size_t len = list_len(h, self);
    Addr r = list_new(h, len);
    if (!r) return nomem(vm);
    for (size_t i = 0; i < len; i++) { Addr v = list_get(h, self, i); heap_incref(h, v); ram_set_word(&h->ram, list_items(h, r) + i * h->W, v); }
    return r;
}

static Addr m_list_clear(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    list_del_slice(H(vm), self, 0, list_len(H(vm), self));
    return none(vm);
}

/* ---------------- dict methods ---------------- */

static Addr m_dict_get(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    if (!op_check_hashable(vm, args[0])) return 0;
    Addr v = dict_get(H(vm), self, args[0]);
    if (!v) v = n > 1 ? args[1] : H(vm)->none;
    heap_incref(H(vm), v);
    return v;
}

static Addr dict_view(Vm *vm, Addr self, TypeId t)
{
    Addr v = heap_new_object(H(vm), t, 1, 0);
    if (!v) return nomem(vm);
    heap_incref(H(vm), self);
    obj_set_field(H(vm), v, 0, self);
    return v;
}

static Addr m_dict_keys(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return dict_view(vm, self, TY_DICTKEYS); }
static Addr m_dict_values(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return dict_view(vm, self, TY_DICTVALUES); }
static Addr m_dict_items(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return dict_view(vm, self, TY_DICTITEMS); }

static Addr m_dict_pop(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    if (!op_check_hashable(vm, args[0])) return 0;
    Addr v = dict_get(h, self, args[0]);
    if (!v) {
        if (n > 1) { heap_incref(h, args[1]); return args[1]; }
        StrBuf s; sb_init(&s); op_repr(vm, args[0], &s);
        vm_raise(vm, EXC_KEY, "%s", s.s);
        sb_free(&s);
        return 0;
    }
    heap_incref(h, v);
    dict_del(h, self, args[0]);
    return v;
}

static Addr m_dict_setdefault(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)kw;
    Heap *h = H(vm);
    if (!op_check_hashable(vm, args[0])) return 0;
    Addr v = dict_get(h, self, args[0]);
    if (!v) {
        v = n > 1 ? args[1] : h->none;
        heap_incref(h, v);
        if (dict_set(h, self, args[0], v) != 0) return nomem(vm);
    }
    heap_incref(h, v);
    return v;
}

static Addr m_dict_update(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    Addr src = make_dict(vm, args, n, kw);
    if (!src) return 0;
    size_t pos = 0; Addr k, v;
    while (dict_next(h, src, &pos, &k, &v)) { heap_incref(h, v); dict_set(h, self, k, v); }
    heap_decref(h, src);
    return none(vm);
}

static Addr m_dict_copy(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)args; (void)n; (void)kw; return make_dict(vm, &self, 1, 0); }

/* ---------------- the table ---------------- */

static const Native natives[] = {
    { "print", TY_NONE, b_print, 0, -1 },
    { "len", TY_NONE, b_len, 1, 1 },
    { "id", TY_NONE, b_id, 1, 1 },
    { "repr", TY_NONE, b_repr, 1, 1 },
    { "abs", TY_NONE, b_abs, 1, 1 },
    { "min", TY_NONE, b_min, 0, -1 },
    { "max", TY_NONE, b_max, 0, -1 },
    { "sum", TY_NONE, b_sum, 1, 2 },
    { "sorted", TY_NONE, b_sorted, 1, 1 },
    { "isinstance", TY_NONE, b_isinstance, 2, 2 },
    { "round", TY_NONE, b_round, 1, 2 },
    { "chr", TY_NONE, b_chr, 1, 1 },
    { "ord", TY_NONE, b_ord, 1, 1 },
    { "hex", TY_NONE, b_hex, 1, 1 },
    { "bin", TY_NONE, b_bin, 1, 1 },
    { "oct", TY_NONE, b_oct, 1, 1 },
    { "input", TY_NONE, b_input, 0, 1 },
    { "getsizeof", TY_MODULE, s_getsizeof, 1, 1 },
    { "getrefcount", TY_MODULE, s_getrefcount, 1, 1 },
    { "intern", TY_MODULE, s_intern, 1, 1 },
    { "split", TY_STR, m_str_split, 0, 2 },
    { "join", TY_STR, m_str_join, 1, 1 },
    { "splitlines", TY_STR, m_str_splitlines, 0, 1 },
    { "strip", TY_STR, m_str_strip, 0, 1 },
    { "lstrip", TY_STR, m_str_lstrip, 0, 1 },
    { "rstrip", TY_STR, m_str_rstrip, 0, 1 },
    { "upper", TY_STR, m_str_upper, 0, 0 },
    { "lower", TY_STR, m_str_lower, 0, 0 },
    { "replace", TY_STR, m_str_replace, 2, 3 },
    { "find", TY_STR, m_str_find, 1, 3 },
    { "index", TY_STR, m_str_index, 1, 3 },
    { "count", TY_STR, m_str_count, 1, 3 },
    { "startswith", TY_STR, m_str_startswith, 1, 3 },
    { "endswith", TY_STR, m_str_endswith, 1, 3 },
    { "isdigit", TY_STR, m_str_isdigit, 0, 0 },
    { "isalpha", TY_STR, m_str_isalpha, 0, 0 },
    { "isspace", TY_STR, m_str_isspace, 0, 0 },
    { "isalnum", TY_STR, m_str_isalnum, 0, 0 },
    { "format", TY_STR, m_str_format, 0, -1 },
    { "append", TY_LIST, m_list_append, 1, 1 },
    { "extend", TY_LIST, m_list_extend, 1, 1 },
    { "pop", TY_LIST, m_list_pop, 0, 1 },
    { "insert", TY_LIST, m_list_insert, 2, 2 },
    { "remove", TY_LIST, m_list_remove, 1, 1 },
    { "index", TY_LIST, m_list_index, 1, 2 },
    { "count", TY_LIST, m_list_count, 1, 1 },
    { "reverse", TY_LIST, m_list_reverse, 0, 0 },
    { "sort", TY_LIST, m_list_sort, 0, 0 },
    { "copy", TY_LIST, m_list_copy, 0, 0 },
    { "clear", TY_LIST, m_list_clear, 0, 0 },
    { "get", TY_DICT, m_dict_get, 1, 2 },
    { "keys", TY_DICT, m_dict_keys, 0, 0 },
    { "values", TY_DICT, m_dict_values, 0, 0 },
    { "items", TY_DICT, m_dict_items, 0, 0 },
    { "pop", TY_DICT, m_dict_pop, 1, 2 },
    { "setdefault", TY_DICT, m_dict_setdefault, 1, 2 },
    { "update", TY_DICT, m_dict_update, 0, 1 },
    { "copy", TY_DICT, m_dict_copy, 0, 0 },
};
enum { NNATIVES = sizeof natives / sizeof natives[0] };

/* types reachable by name as builtins */
static const TypeId builtin_types[] = { TY_INT, TY_FLOAT, TY_STR, TY_BOOL, TY_LIST, TY_TUPLE, TY_DICT, TY_RANGE, TY_ENUMERATE, TY_ZIP, TY_TYPE };

typedef struct BuiltinState {
    size_t nall;
    const Native **all;         /* natives + io natives */
    Addr *objs;                 /* one static builtin object per native */
} BuiltinState;

static BuiltinState *state(Vm *vm) { return (BuiltinState *)(void *)vm->builtin_objs; }

int builtins_init(Vm *vm)
{
    Heap *h = H(vm);
    BuiltinState *st = xcalloc(1, sizeof *st);
    st->nall = NNATIVES + vm_io_nnatives;
    st->all = xcalloc(st->nall, sizeof *st->all);
    st->objs = xcalloc(st->nall, sizeof *st->objs);
    for (size_t i = 0; i < NNATIVES; i++) st->all[i] = &natives[i];
    for (size_t i = 0; i < vm_io_nnatives; i++) st->all[NNATIVES + i] = &vm_io_natives[i];
    vm->builtin_objs = (Addr *)(void *)st;
    /* builtin function objects are static (like PyCFunction objects of builtins) */
    uint64_t size = heap_fixed_size(h, TY_BUILTIN);
    for (size_t i = 0; i < st->nall; i++) {
        if (st->all[i]->owner != TY_NONE && st->all[i]->owner != TY_MODULE) continue;
        Addr o = heap_static_alloc(h, size, h->L.alignment);
        if (!o) return -1;
        heap_static_header(h, o, TY_BUILTIN);
        for (uint64_t w = 2; w < size / h->W; w++) ram_set_word(&h->ram, o + w * h->W, 0);
        obj_set_field(h, o, 1, i);
        st->objs[i] = o;
    }
    return 0;
}

void builtins_free(Vm *vm)
{
    BuiltinState *st = state(vm);
    if (!st) return;
    free(st->all);
    free(st->objs);
    free(st);
    vm->builtin_objs = NULL;
}

void builtins_shutdown(Vm *vm)
{
    Heap *h = H(vm);
    vm_io_shutdown(vm);
    if (vm->sys_module) { heap_decref(h, vm->sys_module); vm->sys_module = 0; }
    if (vm->sqlite_module) { heap_decref(h, vm->sqlite_module); vm->sqlite_module = 0; }
}

const char *vm_builtin_name(Vm *vm, Addr f)
{
    BuiltinState *st = state(vm);
    uint64_t i = obj_field(H(vm), f, 1);
    return i < st->nall ? st->all[i]->name : "?";
}

Addr builtins_lookup(Vm *vm, Addr name)
{
    Heap *h = H(vm);
    BuiltinState *st = state(vm);
    for (size_t i = 0; i < st->nall; i++)
        if (st->all[i]->owner == TY_NONE && str_eq_cstr(h, name, st->all[i]->name)) return st->objs[i];
    for (size_t i = 0; i < sizeof builtin_types / sizeof builtin_types[0]; i++)
        if (str_eq_cstr(h, name, heap_type_names[builtin_types[i]])) return heap_type_obj(h, builtin_types[i]);
    return 0;
}

static Addr call_native(Vm *vm, const Native *nt, Addr self, Addr *args, unsigned n, Addr kw)
{
    unsigned np = npos(vm, n, kw);
    bool method = nt->owner != TY_NONE && nt->owner != TY_MODULE;
    if (kw && nt->fn != b_print && nt->fn != m_list_sort && nt->fn != b_sorted && nt->fn != b_min && nt->fn != b_max
        && nt->fn != m_str_split && nt->fn != m_str_format && nt->fn != m_dict_update && nt->fn != vm_open)
        return vm_raise(vm, EXC_TYPE, "%s%s() takes no keyword arguments", method ? heap_type_names[nt->owner] : "", method ? "." : "");
    if ((int)np < nt->min || (nt->max >= 0 && (int)np > nt->max)) {
        if (nt->min == nt->max && nt->min == 0)
            return vm_raise(vm, EXC_TYPE, "%s%s%s() takes no arguments (%u given)", method ? heap_type_names[nt->owner] : "", method ? "." : "", nt->name, np);
        if (nt->min == nt->max && nt->min == 1 && !method)
            return vm_raise(vm, EXC_TYPE, "%s() takes exactly one argument (%u given)", nt->name, np);
        if ((int)np < nt->min)
            return vm_raise(vm, EXC_TYPE, "%s expected %s%d argument%s, got %u", nt->name, nt->max == nt->min ? "" : "at least ", nt->min, nt->min == 1 ? "" : "s", np);
        return vm_raise(vm, EXC_TYPE, "%s expected at most %d argument%s, got %u", nt->name, nt->max, nt->max == 1 ? "" : "s", np);
    }
    if (method && !nt->fn) return 0;
    return nt->fn(vm, self, args, n, kw);
}

Addr builtins_call(Vm *vm, Addr f, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    if (obj_type(h, f) == TY_TYPE) return call_type(vm, (TypeId)((f - h->type_base) / h->type_stride), args, n, kw);
    BuiltinState *st = state(vm);
    uint64_t i = obj_field(h, f, 1);
    if (i >= st->nall) return vm_raise(vm, EXC_TYPE, "bad builtin");
    return call_native(vm, st->all[i], obj_field(h, f, 0), args, n, kw);
}

static const Native *find_method(Vm *vm, TypeId t, Addr name)
{
    BuiltinState *st = state(vm);
    for (size_t i = 0; i < st->nall; i++)
        if (st->all[i]->owner == t && str_eq_cstr(H(vm), name, st->all[i]->name)) return st->all[i];
    return NULL;
}

static Addr no_attr(Vm *vm, Addr o, Addr name)
{
    StrBuf s; sb_init(&s); str_to_utf8(H(vm), name, &s);
    if (obj_type(H(vm), o) == TY_MODULE) {
        StrBuf m; sb_init(&m); str_to_utf8(H(vm), obj_field(H(vm), o, 1), &m);
        vm_raise(vm, EXC_ATTRIBUTE, "module '%s' has no attribute '%s'", m.s, s.s);
        sb_free(&m);
    } else {
        vm_raise(vm, EXC_ATTRIBUTE, "'%s' object has no attribute '%s'", op_type_name(vm, o), s.s);
    }
    sb_free(&s);
    return 0;
}

Addr builtins_call_method(Vm *vm, Addr self, Addr name, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, self);
    if (t == TY_MODULE) {
        Addr f = dict_get(h, obj_field(h, self, 0), name);
        if (!f) return no_attr(vm, self, name);
        if (obj_type(h, f) != TY_BUILTIN && obj_type(h, f) != TY_TYPE)
            return vm_raise(vm, EXC_TYPE, "'%s' object is not callable", op_type_name(vm, f));
        return builtins_call(vm, f, args, n, kw);
    }
    const Native *nt = find_method(vm, t, name);
    if (!nt) return no_attr(vm, self, name);
    return call_native(vm, nt, self, args, n, kw);
}

Addr builtins_getattr(Vm *vm, Addr o, Addr name)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, o);
    if (t == TY_MODULE) {
        Addr v = dict_get(h, obj_field(h, o, 0), name);
        if (!v) return no_attr(vm, o, name);
        heap_incref(h, v);
        return v;
    }
    const Native *nt = find_method(vm, t, name);
    if (!nt) return no_attr(vm, o, name);
    /* a bound method: a builtin object holding its self */
    Addr m = heap_new_object(h, TY_BUILTIN, 2, 0);
    if (!m) return nomem(vm);
    BuiltinState *st = state(vm);
    size_t idx = 0;
    for (size_t i = 0; i < st->nall; i++) if (st->all[i] == nt) idx = i;
    heap_incref(h, o);
    obj_set_field(h, m, 0, o);
    obj_set_field(h, m, 1, idx);
    return m;
}

static Addr make_module(Vm *vm, const char *name, TypeId owner_tag, const char *prefix)
{
    Heap *h = H(vm);
    Addr m = heap_new_object(h, TY_MODULE, 2, 0);
    Addr d = dict_new(h);
    Addr nm = str_from_cstr(h, name);
    if (!m || !d || !nm) return nomem(vm);
    nm = str_intern(h, nm);
    obj_set_field(h, m, 0, d);
    obj_set_field(h, m, 1, nm);
    BuiltinState *st = state(vm);
    for (size_t i = 0; i < st->nall; i++) {
        const Native *nt = st->all[i];
        if (nt->owner != owner_tag) continue;
        bool mine = prefix ? strncmp(nt->name, prefix, strlen(prefix)) == 0 : strchr(nt->name, '.') == NULL;
        if (!mine) continue;
        const char *attr = prefix ? nt->name + strlen(prefix) : nt->name;
        Addr k = str_from_cstr(h, attr);
        if (!k) return nomem(vm);
        k = str_intern(h, k);
        heap_incref(h, st->objs[i]);
        dict_set(h, d, k, st->objs[i]);
        heap_decref(h, k);
    }
    return m;
}

Addr builtins_import(Vm *vm, Addr name)
{
    Heap *h = H(vm);
    Addr *slot;
    if (str_eq_cstr(h, name, "sys")) slot = &vm->sys_module;
    else if (str_eq_cstr(h, name, "sqlite3")) slot = &vm->sqlite_module;
    else {
        StrBuf s; sb_init(&s); str_to_utf8(h, name, &s);
        vm_raise(vm, EXC_MODULENOTFOUND, "No module named '%s'", s.s);
        sb_free(&s);
        return 0;
    }
    if (!*slot) {
        *slot = slot == &vm->sys_module ? make_module(vm, "sys", TY_MODULE, NULL) : make_module(vm, "sqlite3", TY_MODULE, "sqlite3.");
        if (!*slot) return 0;
    }
    heap_incref(h, *slot);
    return *slot;
}

int builtins_close(Vm *vm, Addr ctx) { return vm_io_close(vm, ctx); }
