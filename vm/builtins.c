/*
** vm/builtins.c: built-in functions, types as constructors, the sys module
** and the methods of str, list and dict. A native gets its arguments
** borrowed and returns a new reference (0 with vm->err set).
*/
#include "vm/native.h"

#include <math.h>
#include <strings.h>
#include <stdlib.h>
#include <string.h>

#include "heap/numfmt.h"
#include "heap/obj_str.h"
#include "vm/iter_next.h"
#include "vm/ops.h"
#include "vm/suggest.h"
#include "vm/trace.h"


/* keyword argument 'name' of a call (borrowed) or 0 */
Addr nat_kwarg(Vm *vm, Addr *args, unsigned n, Addr kw, const char *name)
{
    if (!kw) return 0;
    size_t nk = tuple_len(H(vm), kw);
    for (size_t i = 0; i < nk; i++)
        if (str_eq_cstr(H(vm), tuple_get(H(vm), kw, i), name)) return args[n - nk + i];
    return 0;
}


bool nat_only_kw(Vm *vm, const char *fn, Addr kw, const char *const *allowed)
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
    if (!nat_only_kw(vm, "print", kw, ok)) return 0;
    unsigned np = npos(vm, n, kw);
    Addr sep = nat_kwarg(vm, args, n, kw, "sep"), end = nat_kwarg(vm, args, n, kw, "end");
    StrBuf s; sb_init(&s);
    for (unsigned i = 0; i < np; i++) {
        if (i) { if (sep && sep != H(vm)->none) op_str(vm, sep, &s); else sb_putc(&s, ' '); }
        if (obj_type(H(vm), args[i]) == TY_INT) {
            Addr t = op_str_obj(vm, args[i]);
            if (!t) { sb_free(&s); return 0; }
            str_to_utf8(H(vm), t, &s);
            heap_decref(H(vm), t);
        } else if (!op_repr_strict(vm, args[i], true, &s)) {
            sb_free(&s);
            return 0;
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
    return chk(vm, int_new_fast(h, len));      /* int_from_i64, inline for small values */
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
        if (t == TY_BOOL) { int64_t v = 0; int_small(h, args[0], &v); return chk(vm, int_from_i64(h, v)); }
        heap_incref(h, args[0]);
        return args[0];
    }
    return vm_raise(vm, EXC_TYPE, "bad operand type for abs(): '%s'", op_type_name(vm, args[0]));
}

/* int.bit_length(): the bits of |self|, 0 for zero (bool inherits it). */
static Addr m_int_bit_length(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    Heap *h = H(vm);
    int64_t v;
    if (int_small(h, self, &v)) {
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        return chk(vm, int_from_i64(h, m ? 64 - __builtin_clzll(m) : 0));
    }
    int_to_big(h, self, &h->t1);
    return chk(vm, int_from_i64(h, (int64_t)big_bit_length(&h->t1)));
}

/* float.is_integer(): finite and without a fraction. */
static Addr m_float_is_integer(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)args; (void)n; (void)kw;
    double d = float_value(H(vm), self);
    return heap_bool(H(vm), isfinite(d) && d == floor(d));
}

/* iter(x): x's iterator (op_iter); the two-argument form is not here. */
static Addr b_iter(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    if (n > 1) return vm_raise(vm, EXC_TYPE, "iter(callable, sentinel) is not supported by tracevm");
    return op_iter(vm, args[0]);
}

/* next(it[, default]): the iterator's next item; at its end the default,
** else StopIteration. */
static Addr b_next(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    Heap *h = H(vm);
    if (!op_is_iterator(obj_type(h, args[0])))
        return vm_raise(vm, EXC_TYPE, "'%s' object is not an iterator", op_type_name(vm, args[0]));
    Addr v;
    int st = op_next(vm, args[0], &v);
    if (st < 0) return 0;
    if (st > 0) return v;
    if (n < 2) return vm_raise(vm, EXC_STOPITERATION, "%s", "");
    heap_incref(h, args[1]);
    return args[1];
}

/* list(src): list_extend into a new empty list, as list___init__ does. */
Addr nat_call(Vm *vm, Addr f, Addr *args, unsigned n)
{
    switch (obj_type(H(vm), f)) {
    case TY_FUNCTION: return vm_call_function(vm, f, args, n);
    case TY_BUILTIN: case TY_TYPE:
        /* key=len (sorted, min, max): b_len without the call's checks */
        if (f == vm->builtin_len && n == 1) return b_len(vm, 0, args, 1, 0);
        return builtins_call(vm, f, args, n, 0);
    default: return vm_raise(vm, EXC_TYPE, "'%s' object is not callable", op_type_name(vm, f));
    }
}

Addr nat_list_from(Vm *vm, Addr src)
{
    Heap *h = H(vm);
    Addr l = list_new(h, 0);
    if (!l) return nomem(vm);
    if (op_list_extend(vm, l, src) != 0) { heap_decref(h, l); return 0; }
    return l;
}

/* A list or tuple iterator's sequence and position while nothing observes
** the heap, or 0: natives that only read small ints and floats (sum, min,
** max) walk the items in place (seq_get with *tuple), without taking and
** dropping a reference to each, and put the iterator at the first item
** they do not take (seq_walk_end), for their general loop to finish.
** Every object ends as that loop alone leaves it. */
static Addr seq_walk_begin(Heap *h, Addr it, size_t *i, bool *tuple)
{
    Addr t = obj_type_addr(h, it);
    if (h->obs || (t != heap_type_obj(h, TY_LISTITER) && t != heap_type_obj(h, TY_TUPLEITER))) return 0;
    Addr seq = obj_field(h, it, 0);
    if (seq) *i = (size_t)obj_field(h, it, 1);
    *tuple = t == heap_type_obj(h, TY_TUPLEITER);
    return seq;
}
static void seq_walk_end(Heap *h, Addr it, size_t i) { obj_set_field(h, it, 1, i); }

static Addr b_min_max(Vm *vm, Addr *args, unsigned n, Addr kw, bool is_max)
{
    Heap *h = H(vm);
    const char *name = is_max ? "max" : "min";
    static const char *const ok[] = { "key", "default", NULL };
    if (!nat_only_kw(vm, name, kw, ok)) return 0;
    unsigned np = npos(vm, n, kw);
    Addr key = nat_kwarg(vm, args, n, kw, "key");
    Addr dflt = nat_kwarg(vm, args, n, kw, "default");
    if (key == h->none) key = 0;
    if (np == 0) return vm_raise(vm, EXC_TYPE, "%s expected at least 1 argument, got 0", name);
    /* one argument: iterated as CPython iterates it (an iterator object,
    ** not a copy); several: the arguments themselves */
    Addr it = 0;
    if (np == 1 && !(it = op_iter(vm, args[0]))) return 0;
    Addr best = 0, bestkey = 0;
    /* a list's small ints compare by value where they lie; the winner
    ** gets the two references the loop below holds (seq_walk_begin) */
    Addr int_t = heap_type_obj(h, TY_INT), seq;
    size_t i0;
    bool tup;
    if (it && !key && (seq = seq_walk_begin(h, it, &i0, &tup))) {
        size_t len = (size_t)obj_ob_size(h, seq);
        Addr float_t = heap_type_obj(h, TY_FLOAT);
        if (i0 < len && obj_type_addr(h, seq_get(h, seq, tup, i0)) == float_t) {
            /* floats too, by C's '>' and '<' (float_richcompare's, NaN
            ** never winning a compare) */
            double bv = 0;
            for (; i0 < len; i0++) {
                Addr x = seq_get(h, seq, tup, i0);
                if (obj_type_addr(h, x) != float_t) break;
                double p = float_value(h, x);
                if (!best || (is_max ? p > bv : p < bv)) { best = x; bv = p; }
            }
        } else {
            int64_t bv = 0;
            for (; i0 < len; i0++) {
                Addr x = seq_get(h, seq, tup, i0);
                int64_t p;
                if (obj_type_addr(h, x) != int_t || !int_small(h, x, &p)) break;
                if (!best || (is_max ? p > bv : p < bv)) { best = x; bv = p; }
            }
        }
        seq_walk_end(h, it, i0);
        if (best) { heap_incref(h, best); heap_incref(h, best); bestkey = best; }
    }
    for (unsigned i = 0;; i++) {
        Addr x;
        if (it) {
            int st = op_next(vm, it, &x);
            if (st < 0) { heap_decref(h, bestkey); heap_decref(h, best); heap_decref(h, it); return 0; }
            if (st == 0) break;
        } else {
            if (i == np) break;
            x = args[i];
            heap_incref(h, x);
        }
        /* as CPython's min_max: 'val' is a reference of its own (the key's
        ** result, or the item again) */
        Addr val = x;
        if (!key) heap_incref(h, val);
        else if (!(val = nat_call(vm, key, &x, 1))) {
            heap_decref(h, x); heap_decref(h, bestkey); heap_decref(h, best); heap_decref(h, it);
            return 0;
        }
        /* two ints of at most two digits compare by value; else op_order */
        int64_t p, q;
        int c = !best ? 1
              : obj_type_addr(h, val) == int_t && obj_type_addr(h, bestkey) == int_t && int_small(h, val, &p) && int_small(h, bestkey, &q)
              ? (p > q) - (p < q)
              : op_order(vm, val, bestkey, is_max ? ">" : "<");
        if (c == -2) {
            heap_decref(h, x); heap_decref(h, val); heap_decref(h, bestkey); heap_decref(h, best); heap_decref(h, it);
            return 0;
        }
        if (!best || (c != 2 && (is_max ? c > 0 : c < 0))) {
            heap_decref(h, bestkey);
            heap_decref(h, best);
            best = x;
            bestkey = val;
        } else {
            heap_decref(h, x);
            heap_decref(h, val);
        }
    }
    heap_decref(h, it);
    if (!best) {
        if (dflt) { heap_incref(h, dflt); return dflt; }
        if (vm->py312)
            return vm_raise(vm, EXC_VALUE, "%s() iterable argument is empty", name);
        return vm_raise(vm, EXC_VALUE, "%s() arg is an empty sequence", name);
    }
    heap_decref(h, bestkey);
    return best;
}

static Addr b_min(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; return b_min_max(vm, args, n, kw, false); }
static Addr b_max(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; return b_min_max(vm, args, n, kw, true); }

/* The value of an int or bool as a C long of the profile, as
** PyLong_AsLongAndOverflow gives it; false on overflow. */
/* Leaving one of sum's fast loops: the total, now an object, plus the
** item that did not fit, through '+'. Takes both references; 0 on error. */
static Addr sum_rest(Vm *vm, Addr total, Addr item)
{
    Addr r = total ? op_binary(vm, OP_ADD, total, item) : nomem(vm);
    heap_decref(H(vm), total);
    heap_decref(H(vm), item);
    return r;
}

/*
** sum() as builtin_sum_impl: while the total is an int that fits a C long
** and the items are ints or bools, it adds in C with no int objects in
** between; likewise for floats (3.12 with Neumaier's compensation, gh-100425).
** The first item that does not fit leaves the fast loop for good: the total
** becomes an object and everything after goes through '+'.
*/
/* sum()'s float loop adds x to *f; 3.12 keeps Neumaier's compensation
** in *comp, added at the end. */
static inline void sum_float(double *f, double *comp, double x, bool neumaier)
{
    double sum = *f + x;
    if (neumaier) *comp += fabs(*f) >= fabs(x) ? (*f - sum) + x : (x - sum) + *f;
    *f = sum;
}

static Addr b_sum(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    Heap *h = H(vm);
    Addr acc = n > 1 ? args[1] : 0;
    if (acc && obj_type(h, acc) == TY_STR) return vm_raise(vm, EXC_TYPE, "sum() can't sum strings [use ''.join(seq) instead]");
    Addr it = op_iter(vm, args[0]);
    if (!it) return 0;
    if (acc) heap_incref(h, acc); else acc = int_from_i64(h, 0);
    if (!acc) { heap_decref(h, it); return nomem(vm); }
    int64_t lmax = op_c_long_max(h), lmin = -lmax - 1;
    Addr v;
    int st = 1;
    int64_t total;
    if (obj_type(h, acc) == TY_INT && op_as_c_long(h, acc, &total)) {
        heap_decref(h, acc);
        acc = 0;
        size_t i;
        bool tup;
        Addr seq = seq_walk_begin(h, it, &i, &tup);
        if (seq) {                      /* a list's or tuple's small ints and bools, in place */
            for (size_t len = (size_t)obj_ob_size(h, seq); i < len && sum_small_add(h, seq_get(h, seq, tup, i), &total, lmin, lmax); i++) {}
            seq_walk_end(h, it, i);
        }
        dict_values_sum(h, it, &total, lmin, lmax);       /* sum(d.values()) */
        while ((st = op_next(vm, it, &v)) == 1) {
            TypeId t = obj_type(h, v);
            int64_t b;
            if ((t == TY_INT || t == TY_BOOL) && op_as_c_long(h, v, &b) && (total >= 0 ? b <= lmax - total : b >= lmin - total)) {
                total += b;
                heap_decref(h, v);
                continue;
            }
            if (!(acc = sum_rest(vm, int_from_i64(h, total), v))) { heap_decref(h, it); return 0; }
            break;
        }
        if (st != 1) {
            heap_decref(h, it);
            return st < 0 ? 0 : chk(vm, int_from_i64(h, total));
        }
    }
    if (obj_type(h, acc) == TY_FLOAT) {
        bool neumaier = vm->py312;
        double f = float_value(h, acc), comp = 0;
        heap_decref(h, acc);
        acc = 0;
        size_t i;
        bool tup;
        Addr seq = seq_walk_begin(h, it, &i, &tup);
        if (seq) {                      /* a list's or tuple's floats, in place */
            Addr float_t = heap_type_obj(h, TY_FLOAT);
            for (size_t len = (size_t)obj_ob_size(h, seq); i < len; i++) {
                Addr y = seq_get(h, seq, tup, i);
                if (obj_type_addr(h, y) != float_t) break;
                sum_float(&f, &comp, float_value(h, y), neumaier);
            }
            seq_walk_end(h, it, i);
        }
        dict_values_sum(h, it, &total, lmin, lmax);       /* sum(d.values()) */
        while ((st = op_next(vm, it, &v)) == 1) {
            TypeId t = obj_type(h, v);
            int64_t iv;
            if (t == TY_FLOAT) {
                sum_float(&f, &comp, float_value(h, v), neumaier);
                heap_decref(h, v);
                continue;
            }
            if ((t == TY_INT || t == TY_BOOL) && op_as_c_long(h, v, &iv)) {
                f += (double)iv;
                heap_decref(h, v);
                continue;
            }
            /* leaving the float loop: no compensation */
            if (!(acc = sum_rest(vm, float_new(h, f), v))) { heap_decref(h, it); return 0; }
            break;
        }
        if (st != 1) {
            heap_decref(h, it);
            if (st < 0) return 0;
            if (comp && isfinite(comp)) f += comp;
            return chk(vm, float_new(h, f));
        }
    }
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

static Addr b_sorted(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self;
    Addr l = nat_list_from(vm, args[0]);
    if (!l) return 0;
    if (nat_list_sort(vm, l, args, n, kw) != 0) { heap_decref(H(vm), l); return 0; }
    return l;
}

static Addr b_isinstance(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    Heap *h = H(vm);
    Addr cls = args[1];
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
    return heap_bool(h, op_isinstance_type(h, args[0], cls));
}

static Addr b_round(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    Heap *h = H(vm);
    TypeId t = obj_type(h, args[0]);
    bool has_nd = n > 1 && args[1] != h->none;
    if (t == TY_INT || t == TY_BOOL) {
        if (!has_nd) { int64_t v = 0; if (t == TY_BOOL) { int_small(h, args[0], &v); return chk(vm, int_from_i64(h, v)); } heap_incref(h, args[0]); return args[0]; }
        int64_t nd;
        if (!op_index(vm, args[1], &nd)) return 0;
        if (nd >= 0) { heap_incref(h, args[0]); return args[0]; }
        /* 10 ** -nd has about 3.33 * -nd bits: more than the heap is a MemoryError */
        if ((double)-(nd + 1) * 3.33 / 8.0 > (double)(h->ram.heap_end - h->ram.heap)) return nomem(vm);
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
    int64_t x;
    if (int_to_i64(h, v, &x)) {
        /* a C integer: sign, prefix and digits into a buffer (what
        ** big_to_base writes for it) */
        char buf[72], *e = buf + sizeof buf, *p = e;
        uint64_t u = x < 0 ? -(uint64_t)x : (uint64_t)x;
        do { *--p = "0123456789abcdef"[u % (unsigned)base]; u /= (unsigned)base; } while (u);
        *--p = base == 16 ? 'x' : base == 8 ? 'o' : 'b';
        *--p = '0';
        if (x < 0) *--p = '-';
        return op_str_utf8(vm, p, (size_t)(e - p));
    }
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

static Addr b_divmod(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    Heap *h = H(vm);
    Addr q = op_binary(vm, OP_FLOORDIV, args[0], args[1]);
    if (!q) {
        if (vm->err.kind == EXC_TYPE) {     /* the operator's name is divmod() here */
            vm_clear_error(vm);
            return vm_raise(vm, EXC_TYPE, "unsupported operand type(s) for divmod(): '%s' and '%s'",
                            op_type_name(vm, args[0]), op_type_name(vm, args[1]));
        }
        return 0;
    }
    Addr r = op_binary(vm, OP_MOD, args[0], args[1]);
    if (!r) { heap_decref(h, q); return 0; }
    Addr t = tuple_new(h, 2);
    if (!t) { heap_decref(h, q); heap_decref(h, r); return nomem(vm); }
    tuple_set(h, t, 0, q);
    tuple_set(h, t, 1, r);
    return t;
}

static Addr b_pow(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    if (n < 3 || args[2] == H(vm)->none) return op_binary(vm, OP_POW, args[0], args[1]);
    /* pow(b, e, m) for ints: square-and-multiply with big ints */
    Heap *h = H(vm);
    for (int i = 0; i < 3; i++)
        if (!op_is_int(vm, args[i])) return vm_raise(vm, EXC_TYPE, "pow() 3rd argument not allowed unless all arguments are integers");
    int64_t bv, ev, mv;
    if (int_to_i64(h, args[0], &bv) && int_to_i64(h, args[1], &ev) && int_to_i64(h, args[2], &mv)
        && ev >= 0 && mv != 0 && mv >= -((int64_t)1 << 32) && mv <= (int64_t)1 << 32) {
        /* a modulus of at most 2**32: square-and-multiply in 64 bits (a
        ** product of two residues fits), the result with the modulus's
        ** sign, as long_pow's floor remainder has it */
        uint64_t am = mv < 0 ? (uint64_t)-mv : (uint64_t)mv;
        int64_t b0 = bv % (int64_t)am;
        uint64_t base = (uint64_t)(b0 < 0 ? b0 + (int64_t)am : b0), r = 1 % am;
        for (uint64_t k = (uint64_t)ev; k; k >>= 1) {
            if (k & 1) r = r * base % am;
            base = base * base % am;
        }
        return chk(vm, int_from_i64(h, mv < 0 && r ? (int64_t)r - (int64_t)am : (int64_t)r));
    }
    BigInt b, e, m, r, t;
    big_init(&b); big_init(&e); big_init(&m); big_init(&r); big_init(&t);
    int_to_big(h, args[0], &b); int_to_big(h, args[1], &e); int_to_big(h, args[2], &m);
    Addr res = 0;
    if (m.sign == 0) vm_raise(vm, EXC_VALUE, "pow() 3rd argument cannot be 0");
    else if (e.sign < 0) vm_raise(vm, EXC_VALUE, "pow() negative exponent is not supported by tracevm with a modulus");
    else {
        big_set_i64(&r, 1);
        big_divmod(NULL, &t, &b, &m); big_copy(&b, &t);
        size_t bits = big_bit_length(&e);
        for (size_t i = bits; i-- > 0;) {
            big_mul(&t, &r, &r); big_divmod(NULL, &r, &t, &m);
            if (e.d[i / BIG_SHIFT] >> (i % BIG_SHIFT) & 1) { big_mul(&t, &r, &b); big_divmod(NULL, &r, &t, &m); }
        }
        if (big_bit_length(&e) == 0) { big_set_i64(&t, 1); big_divmod(NULL, &r, &t, &m); }
        res = chk(vm, int_from_big(h, &r));
    }
    big_free(&b); big_free(&e); big_free(&m); big_free(&r); big_free(&t);
    return res;
}

static Addr any_all(Vm *vm, Addr src, bool want)
{
    Heap *h = H(vm);
    Addr it = op_iter(vm, src);
    if (!it) return 0;
    Addr v;
    int st;
    while ((st = op_next(vm, it, &v)) == 1) {
        int t = op_truth(vm, v);
        heap_decref(h, v);
        if (t < 0) { heap_decref(h, it); return 0; }
        if (t == want) { heap_decref(h, it); return heap_bool(h, want); }
    }
    heap_decref(h, it);
    return st < 0 ? 0 : heap_bool(h, !want);
}

static Addr b_any(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; (void)n; (void)kw; return any_all(vm, args[0], true); }
static Addr b_all(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; (void)n; (void)kw; return any_all(vm, args[0], false); }

static Addr b_reversed(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)n; (void)kw;
    return op_reversed(vm, args[0]);
}

/*
** map(f, it...) and filter(f, it), lazy as CPython's: map_vectorcall makes
** the tuple of iterators, each iterator, then the map object;
** filter_vectorcall the iterator, then the filter object. Their next
** (op_next: map_next, filter_next) calls f as each item is asked for.
*/
static Addr map_filter(Vm *vm, Addr *args, unsigned n, bool filter)
{
    Heap *h = H(vm);
    Addr f = args[0];
    if (n < 2 || (filter && n != 2)) {
        if (filter) return vm_raise(vm, EXC_TYPE, "filter expected 2 arguments, got %u", n);
        return vm_raise(vm, EXC_TYPE, "map() must have at least two arguments.");
    }
    if (filter) {
        Addr it = op_iter(vm, args[1]);
        if (!it) return 0;
        Addr r = heap_new_object(h, TY_FILTER, 2, 0);
        if (!r) { heap_decref(h, it); return nomem(vm); }
        heap_incref(h, f);
        obj_set_field(h, r, FILTER_FUNC, f);
        obj_set_field(h, r, FILTER_IT, it);
        return r;
    }
    Addr iters = tuple_new(h, n - 1);
    if (!iters) return nomem(vm);
    for (unsigned i = 1; i < n; i++) {
        Addr it = op_iter(vm, args[i]);
        if (!it) { heap_decref(h, iters); return 0; }
        tuple_set(h, iters, i - 1, it);
    }
    Addr r = heap_new_object(h, TY_MAP, 2, 0);
    if (!r) { heap_decref(h, iters); return nomem(vm); }
    obj_set_field(h, r, MAP_ITERS, iters);
    heap_incref(h, f);
    obj_set_field(h, r, MAP_FUNC, f);
    return r;
}

/* map_next: each iterator's next item, then f called with them (they are
** released after the call); 0 at the first iterator that ends. */
int op_map_next(Vm *vm, Addr m, Addr *out)
{
    Heap *h = H(vm);
    Addr iters = obj_field(h, m, MAP_ITERS), vals[16], *v = vals;
    size_t n = tuple_len(h, iters), got = 0;
    if (n > 16 && !(v = malloc(n * sizeof *v))) { nomem(vm); return -1; }
    int st = 1;
    for (; got < n; got++)
        if ((st = op_next(vm, tuple_get(h, iters, got), &v[got])) != 1) break;
    Addr r = 0;
    if (st == 1) {
        r = nat_call(vm, obj_field(h, m, MAP_FUNC), v, (unsigned)n);
        st = r ? 1 : -1;
    }
    for (size_t k = 0; k < got; k++) heap_decref(h, v[k]);
    if (v != vals) free(v);
    *out = r;
    return st;
}

/* filter_next: the next item for which f (None or bool: the item itself)
** is true. */
int op_filter_next(Vm *vm, Addr fl, Addr *out)
{
    Heap *h = H(vm);
    Addr f = obj_field(h, fl, FILTER_FUNC), it = obj_field(h, fl, FILTER_IT);
    bool checktrue = f == h->none || f == heap_type_obj(h, TY_BOOL);
    for (;;) {
        Addr item;
        int st = op_next(vm, it, &item);
        if (st != 1) return st;
        int ok;
        if (checktrue) {
            ok = op_truth(vm, item);
        } else {
            Addr good = nat_call(vm, f, &item, 1);
            if (!good) { heap_decref(h, item); return -1; }
            ok = op_truth(vm, good);
            heap_decref(h, good);
        }
        if (ok > 0) { *out = item; return 1; }
        heap_decref(h, item);
        if (ok < 0) return -1;
    }
}

static Addr b_map(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; (void)kw; return map_filter(vm, args, n, false); }
static Addr b_filter(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw) { (void)self; (void)kw; return map_filter(vm, args, n, true); }

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

/* enumerate(iterable, start=0): enum_new (vm/iter_next.h). */
static Addr b_enumerate(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    Addr start = n > 1 ? args[1] : 0;
    if (start && !op_is_int(vm, start))
        return vm_raise(vm, EXC_TYPE, "'%s' object cannot be interpreted as an integer", op_type_name(vm, start));
    return enum_new(vm, args[0], start, false);
}

/* zip(*iterables): zip_new (vm/iter_next.h). */
static Addr b_zip(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    return zip_new(vm, args, n, false);
}

/* ---- types called as constructors ---- */

static Addr parse_int_text(Vm *vm, Addr s, int base)
{
    Heap *h = H(vm);
    if (base >= 2 && str_is_ascii(h, s)) {
        /* int("-7"), int("ff", 16), int("0b101", 2): a sign, the base's own
        ** prefix and digits only, read in place while the value fits a C
        ** integer; spaces, underscores, base 0 and more digits take the
        ** general path */
        size_t n = str_len(h, s), i = 0;
        const uint8_t *c = ascii_chars(h, s);
        bool neg = n && c[0] == '-';
        if (n && (c[0] == '+' || c[0] == '-')) i++;
        if (n - i > 2 && c[i] == '0') {
            uint8_t x = (uint8_t)(c[i + 1] | 0x20);
            if ((base == 16 && x == 'x') || (base == 8 && x == 'o') || (base == 2 && x == 'b')) i += 2;
        }
        int64_t v = 0;
        size_t first = i;
        for (; i < n; i++) {
            unsigned d = c[i] >= '0' && c[i] <= '9' ? (unsigned)(c[i] - '0')
                       : (c[i] | 0x20) >= 'a' && (c[i] | 0x20) <= 'z' ? (unsigned)((c[i] | 0x20) - 'a' + 10) : 99;
            if (d >= (unsigned)base || __builtin_mul_overflow(v, (int64_t)base, &v) || __builtin_add_overflow(v, (int64_t)d, &v)) break;
        }
        if (i == n && i > first) return chk(vm, int_from_i64(h, neg ? -v : v));
    }
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
    case TY_BOOL: { int64_t v = 0; int_small(h, x, &v); return chk(vm, int_from_i64(h, v)); }
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

/*
** 3.11's compute_range_length: the length by int arithmetic on the
** objects, (stop - start - 1) // step + 1 with start and stop swapped and
** step negated for a negative step, each temporary made and dropped as
** CPython makes them (3.12 computes it in C longs: one int, the result).
*/
static Addr range_length_311(Vm *vm, Addr start, Addr stop, Addr step)
{
    Heap *h = H(vm);
    Addr one = heap_small_int_addr(h, 1);
    bool pos = int_sign(h, step) > 0;
    Addr lo = pos ? start : stop, hi = pos ? stop : start;
    if (pos) heap_incref(h, step);
    else if (!(step = op_unary(vm, OP_NEG, step))) return 0;
    int64_t l, r;
    if (int_to_i64(h, lo, &l) && int_to_i64(h, hi, &r) && l >= r) {
        heap_decref(h, step);
        return chk(vm, int_from_i64(h, 0));
    }
    Addr tmp1 = op_binary(vm, OP_SUB, hi, lo);
    Addr diff = tmp1 ? op_binary(vm, OP_SUB, tmp1, one) : 0;
    Addr tmp2 = diff ? op_binary(vm, OP_FLOORDIV, diff, step) : 0;
    Addr res = tmp2 ? op_binary(vm, OP_ADD, tmp2, one) : 0;
    heap_decref(h, tmp2);
    heap_decref(h, diff);
    heap_decref(h, step);
    heap_decref(h, tmp1);
    return res;
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
    /* make_range_object: the length, then the object; 3.12 counts in C
    ** longs unless the length passes LONG_MAX (then as 3.11 does) */
    uint64_t len = op_range_len(a, b, s);
    Addr l = vm->py312 && len <= INT64_MAX ? chk(vm, int_from_i64(h, (int64_t)len)) : range_length_311(vm, start, stop, step);
    Addr r = l ? heap_new_object(h, TY_RANGE, 4, 0) : 0;
    if (!r) {
        heap_decref(h, l);
        heap_decref(h, start); heap_decref(h, stop); heap_decref(h, step);
        return l ? nomem(vm) : 0;
    }
    obj_set_field(h, r, 0, start);
    obj_set_field(h, r, 1, stop);
    obj_set_field(h, r, 2, step);
    obj_set_field(h, r, 3, l);
    return r;
}

int nat_dict_update(Vm *vm, Addr d, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    unsigned np = npos(vm, n, kw);
    if (np) {
        Addr src = args[0];
        if (obj_type(h, src) == TY_DICT) {
            size_t pos = 0; Addr k, v;
            while (dict_next(h, src, &pos, &k, &v)) { heap_incref(h, v); dict_set(h, d, k, v); }
        } else {
            Addr it = op_iter(vm, src);
            if (!it) return -1;
            Addr p;
            int st;
            for (size_t i = 0; (st = op_next(vm, it, &p)) == 1; i++) {
                /* PySequence_Fast: a tuple or list pair as it is */
                TypeId pt = obj_type(h, p);
                Addr pair = pt == TY_TUPLE || pt == TY_LIST ? p : nat_list_from(vm, p);
                if (pair != p) heap_decref(h, p);
                if (!pair) { heap_decref(h, it); return -1; }
                bool tuple = obj_type(h, pair) == TY_TUPLE;
                size_t len = tuple ? tuple_len(h, pair) : list_len(h, pair);
                if (len != 2) {
                    vm_raise(vm, EXC_VALUE, "dictionary update sequence element #%zu has length %zu; 2 is required", i, len);
                    heap_decref(h, pair); heap_decref(h, it);
                    return -1;
                }
                Addr k = seq_get(h, pair, tuple, 0), v = seq_get(h, pair, tuple, 1);
                if (!op_check_hashable(vm, k)) { heap_decref(h, pair); heap_decref(h, it); return -1; }
                heap_incref(h, v);
                dict_set(h, d, k, v);
                heap_decref(h, pair);
            }
            heap_decref(h, it);
            if (st < 0) return -1;
        }
    }
    if (kw) {
        size_t nk = tuple_len(h, kw);
        for (size_t i = 0; i < nk; i++) { heap_incref(h, args[np + i]); dict_set(h, d, tuple_get(h, kw, i), args[np + i]); }
    }
    return 0;
}

Addr nat_make_dict(Vm *vm, Addr *args, unsigned n, Addr kw, bool fresh)
{
    Heap *h = H(vm);
    Addr d = fresh ? dict_new_fresh(h) : dict_new(h);
    if (!d) return nomem(vm);
    if (nat_dict_update(vm, d, args, n, kw) != 0) { heap_decref(h, d); return 0; }
    return d;
}

static Addr call_type(Vm *vm, TypeId t, Addr *args, unsigned n, Addr kw)
{
    Heap *h = H(vm);
    unsigned np = npos(vm, n, kw);
    if (t == TY_ENUMERATE && kw) {      /* enumerate(iterable, start=n) */
        Addr name = tuple_get(h, kw, 0);
        if (n != 2 || np != 1 || !str_eq_cstr(h, name, "start")) {
            StrBuf s; sb_init(&s);
            str_to_utf8(h, name, &s);
            vm_raise(vm, EXC_TYPE, "'%s' is an invalid keyword argument for enumerate()", s.s ? s.s : "");
            sb_free(&s);
            return 0;
        }
        return b_enumerate(vm, 0, args, 2, 0);
    }
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
    case TY_LIST: {             /* list_vectorcall: tp_alloc, then list___init__ */
        Addr l = list_new_fresh(h);
        if (!l) return nomem(vm);
        if (np && op_list_extend(vm, l, args[0]) != 0) { heap_decref(h, l); return 0; }
        return l;
    }
    case TY_TUPLE: {
        if (np == 0) return tuple_new(h, 0);
        return op_tuple_from(vm, args[0]);
    }
    case TY_DICT: return nat_make_dict(vm, args, n, kw, true);
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

/* format(value[, spec]) */
static Addr b_format(Vm *vm, Addr self, Addr *args, unsigned n, Addr kw)
{
    (void)self; (void)kw;
    Addr spec = n > 1 ? args[1] : 0;
    if (spec && obj_type(H(vm), spec) != TY_STR)
        return vm_raise(vm, EXC_TYPE, "format() argument 2 must be str, not %s", op_type_name(vm, spec));
    return op_format(vm, args[0], spec);
}

/* ---------------- the table ---------------- */

static const Native natives[] = {
    { "print", TY_NONE, b_print, 0, -1, true },
    { "len", TY_NONE, b_len, 1, 1, false },
    { "id", TY_NONE, b_id, 1, 1, false },
    { "repr", TY_NONE, b_repr, 1, 1, false },
    { "abs", TY_NONE, b_abs, 1, 1, false },
    { "min", TY_NONE, b_min, 0, -1, true },
    { "max", TY_NONE, b_max, 0, -1, true },
    { "sum", TY_NONE, b_sum, 1, 2, false },
    { "sorted", TY_NONE, b_sorted, 1, 1, true },
    { "isinstance", TY_NONE, b_isinstance, 2, 2, false },
    { "round", TY_NONE, b_round, 1, 2, false },
    { "chr", TY_NONE, b_chr, 1, 1, false },
    { "ord", TY_NONE, b_ord, 1, 1, false },
    { "hex", TY_NONE, b_hex, 1, 1, false },
    { "bin", TY_NONE, b_bin, 1, 1, false },
    { "oct", TY_NONE, b_oct, 1, 1, false },
    { "divmod", TY_NONE, b_divmod, 2, 2, false },
    { "pow", TY_NONE, b_pow, 2, 3, false },
    { "any", TY_NONE, b_any, 1, 1, false },
    { "all", TY_NONE, b_all, 1, 1, false },
    { "reversed", TY_NONE, b_reversed, 1, 1, false },
    { "map", TY_NONE, b_map, 2, -1, false },
    { "filter", TY_NONE, b_filter, 2, 2, false },
    { "input", TY_NONE, b_input, 0, 1, false },
    { "getsizeof", TY_MODULE, s_getsizeof, 1, 1, false },
    { "getrefcount", TY_MODULE, s_getrefcount, 1, 1, false },
    { "intern", TY_MODULE, s_intern, 1, 1, false },
    { "format", TY_NONE, b_format, 1, 2, false },
    { "bit_length", TY_INT, m_int_bit_length, 0, 0, false },
    { "is_integer", TY_FLOAT, m_float_is_integer, 0, 0, false },
};
enum { NNATIVES = sizeof natives / sizeof natives[0] };

/* Builtins added since: each builtin function has a static object whose
** address the traces show, in table order, so new ones go last and no
** older one moves (golden traces users keep would change). */
static const Native later_natives[] = {
    { "iter", TY_NONE, b_iter, 1, 2, false },
    { "next", TY_NONE, b_next, 1, 2, false },
};
enum { NLATER = sizeof later_natives / sizeof later_natives[0] };

/* types reachable by name as builtins */
static const TypeId builtin_types[] = { TY_INT, TY_FLOAT, TY_STR, TY_BOOL, TY_LIST, TY_TUPLE, TY_DICT, TY_RANGE, TY_ENUMERATE, TY_ZIP, TY_TYPE };

/* Method lookups remembered by (type, name string): a hit costs one
** comparison of the name's text instead of a scan of every native. */
enum { METHOD_CACHE = 64 };
/* 'fixed': the entry was made for a name of the program's own (it lives as
** long as the program, so its address is never another string's). */
typedef struct MethodEntry { Addr name; TypeId t; const Native *nt; size_t len; bool fixed; } MethodEntry;

typedef struct BuiltinState {
    size_t nall;
    const Native **all;         /* natives + io natives */
    Addr *objs;                 /* one static builtin object per native */
    MethodEntry mcache[METHOD_CACHE];
} BuiltinState;

static BuiltinState *state(Vm *vm) { return (BuiltinState *)(void *)vm->builtin_objs; }

int builtins_init(Vm *vm)
{
    Heap *h = H(vm);
    BuiltinState *st = xcalloc(1, sizeof *st);
    const struct { const Native *t; size_t n; } tables[] = {
        { natives, NNATIVES }, { lib_str_natives, lib_str_nnatives },
        { lib_coll_natives, lib_coll_nnatives }, { vm_io_natives, vm_io_nnatives },
        { later_natives, NLATER },
    };
    st->nall = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) st->nall += tables[t].n;
    st->all = xcalloc(st->nall, sizeof *st->all);
    st->objs = xcalloc(st->nall, sizeof *st->objs);
    size_t k = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (size_t i = 0; i < tables[t].n; i++) st->all[k++] = &tables[t].t[i];
    vm->builtin_objs = (Addr *)(void *)st;
    /* builtin function objects are static (like PyCFunction objects of builtins) */
    uint64_t size = heap_fixed_size(h, TY_BUILTIN);
    for (size_t i = 0; i < st->nall; i++) {
        if (st->all[i]->owner != TY_NONE && st->all[i]->owner != TY_MODULE) continue;
        Addr blk = heap_static_alloc(h, size, h->L.alignment);
        if (!blk) return -1;
        Addr o = blk + h->L.gc_header;          /* GC header in front, as for heap objects */
        heap_static_header(h, o, TY_BUILTIN);
        for (uint64_t w = 2; w < (size - h->L.gc_header) / h->W; w++) ram_set_word(&h->ram, o + w * h->W, 0);
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

Addr builtins_find(Vm *vm, const char *name)
{
    BuiltinState *st = state(vm);
    for (size_t i = 0; i < st->nall; i++)
        if (st->all[i]->owner == TY_NONE && strcmp(name, st->all[i]->name) == 0) return st->objs[i];
    return 0;
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
    if (kw && !nt->kw)
        return vm_raise(vm, EXC_TYPE, "%s%s%s() takes no keyword arguments", method ? heap_type_names[nt->owner] : "", method ? "." : "", nt->name);
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
    if (f == heap_type_obj(h, TY_STR) && n == 1 && !kw) return op_str_obj(vm, args[0]);   /* call_type's str(x) */
    if (obj_type(h, f) == TY_TYPE) return call_type(vm, (TypeId)((f - h->type_base) >> h->type_shift), args, n, kw);
    BuiltinState *st = state(vm);
    uint64_t i = obj_field(h, f, 1);
    if (i >= st->nall) return vm_raise(vm, EXC_TYPE, "bad builtin");
    return call_native(vm, st->all[i], obj_field(h, f, 0), args, n, kw);
}

/* The method 'name' of type t, or NULL. 'fixed': name is one of the
** program's names (an instruction's operand), which lives as long as the
** program; other names are checked by text on a cache hit, since a freed
** name's address can come back as another string. */
static const Native *find_method(Vm *vm, TypeId t, Addr name, bool fixed)
{
    BuiltinState *st = state(vm);
    MethodEntry *e = &st->mcache[((name >> 4) ^ (name >> 11) ^ (Addr)t) & (METHOD_CACHE - 1)];
    if (e->name == name && e->t == t && ((fixed && e->fixed) || str_eq_ascii(H(vm), name, e->nt->name, e->len))) return e->nt;
    for (size_t i = 0; i < st->nall; i++)
        if (st->all[i]->owner == t && str_eq_cstr(H(vm), name, st->all[i]->name)) {
            *e = (MethodEntry){ name, t, st->all[i], strlen(st->all[i]->name), fixed };
            return st->all[i];
        }
    return t == TY_BOOL ? find_method(vm, TY_INT, name, fixed) : NULL;   /* bool is an int */
}

static Addr no_attr(Vm *vm, Addr o, Addr name)
{
    Heap *h = H(vm);
    StrBuf s, msg; sb_init(&s); sb_init(&msg);
    str_to_utf8(h, name, &s);
    if (obj_type(h, o) == TY_MODULE) {
        StrBuf m; sb_init(&m); str_to_utf8(h, obj_field(h, o, 1), &m);
        sb_printf(&msg, "module '%s' has no attribute '%s'", m.s, s.s);
        suggest_attr_error(vm, TY_MODULE, strcmp(m.s, "sys") == 0, s.s, &msg);
        sb_free(&m);
    } else {
        sb_printf(&msg, "'%s' object has no attribute '%s'", op_type_name(vm, o), s.s);
        suggest_attr_error(vm, obj_type(h, o), false, s.s, &msg);
    }
    vm_raise(vm, EXC_ATTRIBUTE, "%s", msg.s);
    sb_free(&s); sb_free(&msg);
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
    const Native *nt = find_method(vm, t, name, true);
    if (!nt) return no_attr(vm, self, name);
    return call_native(vm, nt, self, args, n, kw);
}

Addr builtins_call_native(Vm *vm, const Native *nt, Addr self, Addr *args, unsigned n, Addr kw)
{
    return call_native(vm, nt, self, args, n, kw);
}

bool builtins_has_method(Vm *vm, Addr self, Addr name, const Native **nt)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, self);
    *nt = NULL;
    if (t == TY_MODULE ? dict_get(h, obj_field(h, self, 0), name) != 0 : (*nt = find_method(vm, t, name, true)) != NULL) return true;
    no_attr(vm, self, name);
    return false;
}

Addr builtins_getattr(Vm *vm, Addr o, Addr name)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, o);
    bool found;
    Addr v = nat_data_member(vm, o, t, name, &found);
    if (found) return v;
    if (t == TY_MODULE) {
        v = dict_get(h, obj_field(h, o, 0), name);
        if (!v) return no_attr(vm, o, name);
        heap_incref(h, v);
        return v;
    }
    const Native *nt = find_method(vm, t, name, false);
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
    Addr d = dict_new_module(h);
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
