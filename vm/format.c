/*
** vm/format.c: format(value, spec), f-string replacement fields with a
** spec, and 'text' % args, worded and rounded as CPython's. The digit work
** is heap/numfmt.c's; this file picks it by the value's type and turns its
** errors into Python exceptions.
*/
#include "vm/ops.h"

#include <string.h>

#include "heap/numfmt.h"
#include "heap/obj_str.h"

/*
** The digits of an int's magnitude in base 2, 8, 10 or 16, and its sign:
** an int that fits in int64 is written into 'buf' directly, any other goes
** through a BigInt into 'big'. False, with ValueError raised, for decimal
** digits past the profile's max_str_digits. Frees nothing:
** int_digits_free does (also after false).
*/
typedef struct IntDigits {
    const char *s;
    size_t n;
    bool neg;
    char buf[72];
    StrBuf big;
} IntDigits;

static bool int_digits(Vm *vm, Addr v, int base, IntDigits *d)
{
    Heap *h = vm->h;
    int64_t x;
    sb_init(&d->big);
    if (int_to_i64(h, v, &x)) {
        uint64_t m = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
        char *end = d->buf + sizeof d->buf - 1, *p = end;
        if (base == 10) p = fmt_u64(d->buf + sizeof d->buf - 24, m);
        else do { *--p = "0123456789abcdef"[m % (unsigned)base]; m /= (unsigned)base; } while (m);
        d->s = p;
        d->n = (size_t)(end - p);
        d->neg = x < 0;
        return true;
    }
    /* decimal digits are what sys.set_int_max_str_digits limits; the
    ** power-of-two bases are not limited */
    if (base == 10 && !op_check_int_digits(vm, v)) return false;
    int_to_big(h, v, &h->t1);
    d->neg = h->t1.sign < 0;
    BigInt m; big_init(&m);
    big_abs(&m, &h->t1);
    big_to_base(&m, base, false, &d->big);
    big_free(&m);
    d->s = d->big.s;
    d->n = d->big.len;
    return true;
}
static void int_digits_free(IntDigits *d) { sb_free(&d->big); }

static Addr format_int(Vm *vm, Addr v, const FormatSpec *fs, StrBuf *out, StrBuf *err)
{
    Heap *h = vm->h;
    if (fs->type == 'c') {
        int64_t x;
        if (!int_to_i64(h, v, &x)) x = -1;
        if (fmt_int_char(x, fs, out, err) != 0) return vm_raise(vm, x < 0 || x > 0x10FFFF ? EXC_OVERFLOW : EXC_VALUE, "%s", err->s);
        return 1;
    }
    int base = fmt_int_base_for_type(fs->type);
    if (base == 0) {
        double d;
        if (!op_to_double(vm, v, &d)) return 0;
        if (fmt_float(d, fs, out, err) != 0) return vm_raise(vm, EXC_VALUE, "%s", err->s);
        return 1;
    }
    if (base < 0) { fmt_unknown_code(fs->type, op_type_name(vm, v), err); return vm_raise(vm, EXC_VALUE, "%s", err->s); }
    IntDigits d;
    if (!int_digits(vm, v, base, &d)) { int_digits_free(&d); return 0; }
    int st = fmt_int_text(d.s, d.n, d.neg, base, fs, out, err);
    int_digits_free(&d);
    if (st != 0) return vm_raise(vm, EXC_VALUE, "%s", err->s);
    return 1;
}

/* format(v, spec) of an int, bool, float or str appended to 'out', the
** spec given as UTF-8: 1, or 0 with the exception raised */
static int format_value(Vm *vm, Addr v, const char *spec, size_t spec_n, StrBuf *out)
{
    Heap *h = vm->h;
    TypeId t = obj_type(h, v);
    StrBuf err;
    sb_init(&err);
    FormatSpec fs;
    int ok = 0;
    const char *tn = op_type_name(vm, v);
    if (fmt_parse_spec(spec, spec_n, tn, &fs, &err) != 0) {
        vm_raise(vm, EXC_VALUE, "%s", err.s);
        goto done;
    }
    switch (t) {
    case TY_INT: case TY_BOOL:         /* a bool with a spec formats as its int: format(True, ">3") is "  1" */
        ok = (int)format_int(vm, v, &fs, out, &err);
        break;
    case TY_FLOAT:
        if (fmt_float(float_value(h, v), &fs, out, &err) == 0) ok = 1; else vm_raise(vm, EXC_VALUE, "%s", err.s);
        break;
    case TY_STR: {
        StrBuf s; sb_init(&s);
        size_t n;
        const char *text = str_utf8_view(h, v, &s, &n);
        if (fmt_str(text, n, &fs, out, &err) == 0) ok = 1; else vm_raise(vm, EXC_VALUE, "%s", err.s);
        sb_free(&s);
        break;
    }
    default:
        vm_raise(vm, EXC_TYPE, "unsupported format string passed to %s.__format__", tn);
        break;
    }
done:
    sb_free(&err);
    return ok;
}

Addr op_format(Vm *vm, Addr v, Addr spec)
{
    Heap *h = vm->h;
    if (!spec || str_len(h, spec) == 0) return op_str_obj(vm, v);     /* f"{x}" */
    /* the spec's UTF-8: an ASCII str's own bytes (RAM does not move); the
    ** result in the VM's scratch buffer: no host allocation per field */
    StrBuf sp; sb_init(&sp);
    size_t spec_n;
    const char *spec_s = str_utf8_view(h, spec, &sp, &spec_n);
    StrBuf out = vm_scratch_take(vm);
    Addr r = 0;
    if (format_value(vm, v, spec_s, spec_n, &out)) {
        /* a str that its spec leaves as it is (no width beyond its length,
        ** no precision below it) is the result itself, as CPython's
        ** format_string_internal hands the value to its writer */
        if (obj_type(h, v) == TY_STR && str_is_utf8(h, v, out.s, out.len)) { heap_incref(h, v); r = v; }
        else r = op_str_utf8(vm, out.s ? out.s : "", out.len);
    }
    sb_free(&sp);
    vm_scratch_give(vm, &out);
    return r;
}

/*
** A str.format field written straight into the result, as CPython's
** render_field writes an exact str, int or float (no spec str, no result
** str made): 1, or 0 with the exception raised. -1 for any other value and
** for a float with an empty spec, which CPython formats by making str(v)
** (format_obj): the caller goes the general way (op_format).
*/
int op_format_into(Vm *vm, Addr v, const char *spec, size_t n, StrBuf *out)
{
    Heap *h = vm->h;
    TypeId t = obj_type(h, v);
    if (t != TY_STR && t != TY_INT && t != TY_FLOAT) return -1;
    if (n) return format_value(vm, v, spec, n, out);
    if (t == TY_STR) { str_to_utf8(h, v, out); return 1; }
    if (t == TY_FLOAT) return -1;
    return op_repr_strict(vm, v, false, out);  /* _PyLong_FormatWriter: str(v)'s digits */
}

/* 'fmt' % args */
Addr op_percent_format(Vm *vm, Addr fmt, Addr args)
{
    Heap *h = vm->h;
    /* the format's UTF-8: an ASCII str's own bytes (RAM does not move) */
    StrBuf f; sb_init(&f);
    size_t flen;
    const char *fs = str_utf8_view(h, fmt, &f, &flen);
    StrBuf out = vm_scratch_take(vm), err;
    sb_init(&err);
    bool is_tuple = obj_type(h, args) == TY_TUPLE;
    size_t nargs = is_tuple ? tuple_len(h, args) : 1, argi = 0;
    Addr result = 0, whole = 0;         /* the str of a %s that is the whole format */
    size_t i = 0;
    while (i < flen) {
        if (fs[i] != '%') {            /* the text up to the next '%' */
            const char *pc = memchr(fs + i, '%', flen - i);
            size_t j = pc ? (size_t)(pc - fs) : flen;
            sb_put(&out, fs + i, j - i);
            i = j;
            continue;
        }
        i++;
        /* a bare %d of an int below 2^60 or %s of a str: what the
        ** general path below makes of them, without parsing a spec */
        if (i < flen && (fs[i] == 'd' || fs[i] == 's') && argi < nargs) {
            Addr a = is_tuple ? tuple_get(h, args, argi) : args;
            TypeId t = obj_type(h, a);
            int64_t v;
            if (fs[i] == 'd' && t == TY_INT && int_small(h, a, &v)) sb_put_i64(&out, v);
            else if (fs[i] == 's' && t == TY_STR) { str_to_utf8(h, a, &out); if (flen == 2) whole = a; }
            else goto general;
            i++;
            argi++;
            continue;
        }
    general:;
        PercentSpec ps;
        PercentHooks hooks = { 0 };
        if (fmt_percent_spec(fs, flen, &i, &ps, &hooks, &err) != 0) { vm_raise(vm, EXC_VALUE, "%s", err.s); goto done; }
        if (ps.literal) { sb_putc(&out, '%'); continue; }
        if (argi >= nargs) { vm_raise(vm, EXC_TYPE, "not enough arguments for format string"); goto done; }
        Addr a = is_tuple ? tuple_get(h, args, argi) : args;
        argi++;
        TypeId t = obj_type(h, a);
        int base = fmt_percent_int_base(ps.type);
        if (ps.type == 's' || ps.type == 'r' || ps.type == 'a') {
            if (ps.type == 's' && t == TY_STR && fs[0] == '%' && i == flen && out.len == 0) whole = a;
            StrBuf s; sb_init(&s);
            if (!op_repr_strict(vm, a, ps.type == 's', &s)) { sb_free(&s); goto done; }
            fmt_percent_str(s.s ? s.s : "", s.len, &ps, &out, &err);
            sb_free(&s);
        } else if (base > 0) {
            if (!op_type_is_num(t)) { vm_raise(vm, EXC_TYPE, "%%%c format: %s is required, not %s", ps.type, base == 10 ? "a real number" : "an integer", op_type_name(vm, a)); goto done; }
            Addr iv = a;
            bool tmp = false;
            if (t == TY_FLOAT) {
                if (base != 10) { vm_raise(vm, EXC_TYPE, "%%%c format: an integer is required, not float", ps.type); goto done; }
                iv = op_int_from_double(vm, float_value(h, a));
                if (!iv) goto done;
                tmp = true;
            }
            IntDigits d;
            bool dig = int_digits(vm, iv, base, &d);
            int st = dig ? fmt_percent_int_text(d.s, d.n, d.neg, &ps, &out, &err) : 0;
            int_digits_free(&d);
            if (tmp) heap_decref(h, iv);
            if (!dig) goto done;
            if (st != 0) { vm_raise(vm, EXC_VALUE, "%s", err.s); goto done; }
        } else if (ps.type == 'c') {
            if (t == TY_STR && str_len(h, a) == 1) str_to_utf8(h, a, &out);
            else if (op_is_int(vm, a)) { int64_t c; int_to_i64(h, a, &c); sb_put_utf8(&out, (uint32_t)c); }
            else { vm_raise(vm, EXC_TYPE, "%%c requires int or char"); goto done; }
        } else if (ps.type != 'e' && ps.type != 'E' && ps.type != 'f' && ps.type != 'F' && ps.type != 'g' && ps.type != 'G') {
            fmt_percent_unsupported(&ps, &err);
            vm_raise(vm, EXC_VALUE, "%s", err.s);
            goto done;
        } else {
            double d;
            if (!op_type_is_num(t)) { vm_raise(vm, EXC_TYPE, "must be real number, not %s", op_type_name(vm, a)); goto done; }
            if (!op_to_double(vm, a, &d)) goto done;
            if (fmt_percent_float(d, &ps, &out, &err) != 0) { vm_raise(vm, EXC_VALUE, "%s", err.s); goto done; }
        }
    }
    if (argi < nargs) { vm_raise(vm, EXC_TYPE, "not all arguments converted during string formatting"); goto done; }
    /* "%s" % s, or "%-4s" % s of a 4-char s: when one conversion is the
    ** whole format and leaves an exact str as it is, CPython's writer
    ** hands that str back (PyUnicode_Format's last argument written with
    ** overallocate off into an empty writer) */
    if (whole && str_is_utf8(h, whole, out.s, out.len)) { heap_incref(h, whole); result = whole; }
    else result = op_str_utf8(vm, out.s ? out.s : "", out.len);
done:
    sb_free(&f); sb_free(&err);
    vm_scratch_give(vm, &out);
    return result;
}
