/*
** vm/ops.c: what Python's operators mean on tracevm's built-in types.
** Ints take a fast path while both operands fit in two 30-bit digits
** (int64 arithmetic with overflow checks), and go through heap/bigint.c
** otherwise. Error messages are worded as CPython words them.
*/
#include "vm/ops.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "heap/numfmt.h"
#include "heap/obj_str.h"

static Heap *H(Vm *vm) { return vm->h; }

const char *op_type_name(Vm *vm, Addr a)
{
    TypeId t = obj_type(H(vm), a);
    switch (t) {
    case TY_FILE: return "TextIOWrapper";
    case TY_SQLCONN: return "Connection";
    case TY_SQLCURSOR: return "Cursor";
    default: return heap_type_names[t];
    }
}

bool op_is_int(Vm *vm, Addr a)
{
    TypeId t = obj_type(H(vm), a);
    return t == TY_INT || t == TY_BOOL;
}

Addr op_str_utf8(Vm *vm, const char *s, size_t n)
{
    Addr r = str_from_utf8(H(vm), s, n);
    if (!r) return vm_raise(vm, EXC_MEMORY, "%s", "");
    return r;
}

static Addr nomem(Vm *vm) { return vm_raise(vm, EXC_MEMORY, "%s", ""); }

static Addr check(Vm *vm, Addr r) { return r ? r : nomem(vm); }

Addr op_build_str(Vm *vm, const Addr *parts, unsigned n)
{
    Heap *h = H(vm);
    /* f"{x}": CPython's compiler emits FORMAT_VALUE alone, no
    ** BUILD_STRING, and the formatted str is the result itself */
    if (n == 1 && obj_type(h, parts[0]) == TY_STR) { heap_incref(h, parts[0]); return parts[0]; }
    bool done;
    Addr r = str_join_ascii(h, 0, parts, n, &done);
    if (done) return check(vm, r);
    StrBuf s; sb_init(&s);
    for (unsigned i = 0; i < n; i++) str_to_utf8(h, parts[i], &s);
    r = op_str_utf8(vm, s.s ? s.s : "", s.len);
    sb_free(&s);
    return r;
}

/* True when 'count' items of 'size' bytes could fit the simulated heap:
** checked by division, so no product can wrap around. */
static bool fits_heap(Vm *vm, uint64_t count, uint64_t size)
{
    return size == 0 || count <= (vm->h->ram.heap_end - vm->h->ram.heap) / size;
}

Addr op_int_from_double(Vm *vm, double d)
{
    if (isinf(d)) return vm_raise(vm, EXC_OVERFLOW, "cannot convert float infinity to integer");
    if (isnan(d)) return vm_raise(vm, EXC_VALUE, "cannot convert float NaN to integer");
    if (fabs(d) < 9e18) return check(vm, int_from_i64(H(vm), (int64_t)d));
    BigInt b;
    big_init(&b);
    big_from_double(&b, d);
    Addr r = check(vm, int_from_big(H(vm), &b));
    big_free(&b);
    return r;
}

bool op_to_double(Vm *vm, Addr a, double *out)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, a);
    if (t == TY_FLOAT) { *out = float_value(h, a); return true; }
    int64_t v;
    if (int_small(h, a, &v)) { *out = (double)v; return true; }
    int_to_big(h, a, &h->t1);
    if (big_to_double(&h->t1, out) != 0) {
        vm_raise(vm, EXC_OVERFLOW, "int too large to convert to float");
        return false;
    }
    return true;
}

bool op_index(Vm *vm, Addr a, int64_t *out)
{
    if (!op_is_int(vm, a)) {
        vm_raise(vm, EXC_TYPE, "'%s' object cannot be interpreted as an integer", op_type_name(vm, a));
        return false;
    }
    if (!int_to_i64(H(vm), a, out)) {
        vm_raise(vm, EXC_INDEX, "cannot fit 'int' into an index-sized integer");
        return false;
    }
    return true;
}

/* ---------------- int arithmetic ---------------- */

static Addr int_result(Vm *vm, BigInt *r) { return check(vm, int_from_big(H(vm), r)); }

static const char *binop_symbol(OpCode op)
{
    switch (op) {
    case OP_ADD: return "+";
    case OP_SUB: return "-";
    case OP_MUL: return "*";
    case OP_DIV: return "/";
    case OP_FLOORDIV: return "//";
    case OP_MOD: return "%";
    case OP_POW: return "** or pow()";
    case OP_LSHIFT: return "<<";
    case OP_RSHIFT: return ">>";
    case OP_BITAND: return "&";
    case OP_BITOR: return "|";
    case OP_BITXOR: return "^";
    default: return "?";
    }
}

static Addr unsupported(Vm *vm, OpCode op, Addr a, Addr b)
{
    return vm_raise(vm, EXC_TYPE, "unsupported operand type(s) for %s: '%s' and '%s'",
                    binop_symbol(op), op_type_name(vm, a), op_type_name(vm, b));
}

static Addr float_pow(Vm *vm, double x, double y);

static Addr int_binary(Vm *vm, OpCode op, Addr a, Addr b)
{
    Heap *h = H(vm);
    int64_t x, y;
    /* both fit in int64 (up to three digits): exact in C while nothing
    ** overflows; the result is made at its normalised size, as the big-int
    ** paths make it */
    if (int_to_i64(h, a, &x) && int_to_i64(h, b, &y)) {
        int64_t r;
        switch (op) {
        case OP_ADD:
            if (!__builtin_add_overflow(x, y, &r)) return check(vm, int_from_i64(h, r));
            break;
        case OP_SUB:
            if (!__builtin_sub_overflow(x, y, &r)) return check(vm, int_from_i64(h, r));
            break;
        case OP_MUL:
            if (!__builtin_mul_overflow(x, y, &r)) return check(vm, int_from_i64(h, r));
            break;
        case OP_FLOORDIV: case OP_MOD:
            if (y == 0) return vm_raise(vm, EXC_ZERODIV, op == OP_MOD ? "integer modulo by zero" : "integer division or modulo by zero");
            if (x == INT64_MIN && y == -1) break;
            {
                int64_t q = x / y, m = x % y;
                if (m && ((m < 0) != (y < 0))) { q--; m += y; }
                return check(vm, int_from_i64(h, op == OP_MOD ? m : q));
            }
        case OP_DIV:
            if (y == 0) return vm_raise(vm, EXC_ZERODIV, "division by zero");
            if (x > -((int64_t)1 << 53) && x < ((int64_t)1 << 53) && y > -((int64_t)1 << 53) && y < ((int64_t)1 << 53))
                return check(vm, float_new(h, (double)x / (double)y));
            break;
        case OP_BITAND: return check(vm, int_from_i64(h, x & y));
        case OP_BITOR: return check(vm, int_from_i64(h, x | y));
        case OP_BITXOR: return check(vm, int_from_i64(h, x ^ y));
        case OP_RSHIFT:
            if (y < 0) return vm_raise(vm, EXC_VALUE, "negative shift count");
            return check(vm, int_from_i64(h, y >= 63 ? (x < 0 ? -1 : 0) : x >> y));
        case OP_LSHIFT:
            if (y < 0) return vm_raise(vm, EXC_VALUE, "negative shift count");
            if (op_lshift_fits(x, y))
                return check(vm, int_from_i64(h, (int64_t)((uint64_t)x << y)));
            break;
        case OP_POW:
            if (y < 0) {
                if (x == 0) return vm_raise(vm, EXC_ZERODIV, "0.0 cannot be raised to a negative power");
                return float_pow(vm, (double)x, (double)y);
            }
            if (op_i64_pow(x, y, &r)) return check(vm, int_from_i64(h, r));
            break;
        default: break;
        }
    }
    if (op == OP_MUL) {
        Addr r;
        if ((int_small(h, b, &y) && int_mul_digit(h, a, y, &r)) || (int_small(h, a, &x) && int_mul_digit(h, b, x, &r)))
            return check(vm, r);
    }
    if (op == OP_ADD || op == OP_SUB) {
        Addr r;
        if (op == OP_ADD ? int_add_digits(h, a, b, &r) : int_sub_digits(h, a, b, &r)) return check(vm, r);
    }
    if (op == OP_FLOORDIV || op == OP_MOD) {
        Addr r;
        if (int_small(h, b, &y) && int_divmod_digit(h, a, y, op == OP_MOD, &r)) return check(vm, r);
    }
    BigInt *A = &h->t1, *B = &h->t2;
    int_to_big(h, a, A);
    int_to_big(h, b, B);
    BigInt r;
    big_init(&r);
    Addr res = 0;
    switch (op) {
    case OP_ADD: big_add(&r, A, B); break;
    case OP_SUB: big_sub(&r, A, B); break;
    case OP_MUL: big_mul(&r, A, B); break;
    case OP_FLOORDIV: case OP_MOD:
        if (B->sign == 0) { big_free(&r); return vm_raise(vm, EXC_ZERODIV, op == OP_MOD ? "integer modulo by zero" : "integer division or modulo by zero"); }
        if (op == OP_MOD) big_divmod(NULL, &r, A, B); else big_divmod(&r, NULL, A, B);
        break;
    case OP_DIV: {
        double d;
        int st = big_true_divide(A, B, &d);
        big_free(&r);
        if (st == -1) return vm_raise(vm, EXC_ZERODIV, "division by zero");
        if (st == -2) return vm_raise(vm, EXC_OVERFLOW, "integer division result too large for a float");
        return check(vm, float_new(h, d));
    }
    case OP_BITAND: big_and(&r, A, B); break;
    case OP_BITOR: big_or(&r, A, B); break;
    case OP_BITXOR: big_xor(&r, A, B); break;
    case OP_LSHIFT: case OP_RSHIFT: {
        if (B->sign < 0) { big_free(&r); return vm_raise(vm, EXC_VALUE, "negative shift count"); }
        int64_t s;
        if (!big_to_i64(B, &s)) s = INT64_MAX;
        if (op == OP_RSHIFT) big_rshift(&r, A, (uint64_t)s);
        else {
            if (A->sign && (uint64_t)s > ((uint64_t)1 << 32)) { big_free(&r); return vm_raise(vm, EXC_OVERFLOW, "too many digits in integer"); }
            if (A->sign == 0) big_set_i64(&r, 0); else big_lshift(&r, A, (uint64_t)s);
        }
        break;
    }
    case OP_POW: {
        if (B->sign < 0) {
            double fx, fy;
            big_free(&r);
            if (A->sign == 0) return vm_raise(vm, EXC_ZERODIV, "0.0 cannot be raised to a negative power");
            if (!op_to_double(vm, a, &fx) || !op_to_double(vm, b, &fy)) return 0;
            return float_pow(vm, fx, fy);
        }
        int64_t e;
        if (!big_to_i64(B, &e)) e = INT64_MAX;
        size_t bits = big_bit_length(A);
        /* a result that cannot fit the simulated heap is a MemoryError, found
        ** before spending the time (the result needs bits * e / 8 bytes) */
        if (bits > 1 && (double)bits * (double)e / 8.0 > (double)(h->ram.heap_end - h->ram.heap)) {
            big_free(&r);
            return vm_raise(vm, EXC_MEMORY, "%s", "");
        }
        big_pow(&r, A, (uint64_t)e);
        break;
    }
    default:
        big_free(&r);
        return unsupported(vm, op, a, b);
    }
    res = int_result(vm, &r);
    big_free(&r);
    return res;
}

/* ---------------- float arithmetic ---------------- */

static Addr float_pow(Vm *vm, double x, double y)
{
    if (x == 0 && y < 0) return vm_raise(vm, EXC_ZERODIV, "0.0 cannot be raised to a negative power");
    if (x < 0 && y != floor(y) && isfinite(y)) {
        return vm_raise(vm, EXC_VALUE, "complex numbers are not supported by tracevm (negative number raised to a fractional power)");
    }
    double r = pow(x, y);
    if (isinf(r) && isfinite(x) && isfinite(y)) return vm_raise(vm, EXC_OVERFLOW, "(34, 'Numerical result out of range')");
    return check(vm, float_new(H(vm), r));
}

static Addr float_binary(Vm *vm, OpCode op, double x, double y)
{
    Heap *h = H(vm);
    double r;
    switch (op) {
    case OP_ADD: r = x + y; break;
    case OP_SUB: r = x - y; break;
    case OP_MUL: r = x * y; break;
    case OP_DIV:
        if (y == 0) return vm_raise(vm, EXC_ZERODIV, "float division by zero");
        r = x / y;
        break;
    case OP_FLOORDIV: case OP_MOD: {
        if (y == 0) return vm_raise(vm, EXC_ZERODIV, op == OP_MOD ? "float modulo" : "float floor division by zero");
        /* CPython's float_divmod */
        double mod = fmod(x, y), div = (x - mod) / y;
        if (mod) {
            if ((y < 0) != (mod < 0)) { mod += y; div -= 1.0; }
        } else {
            mod = copysign(0.0, y);
        }
        double floordiv;
        if (div) {
            floordiv = floor(div);
            if (div - floordiv > 0.5) floordiv += 1.0;
        } else {
            floordiv = copysign(0.0, x / y);
        }
        r = op == OP_MOD ? mod : floordiv;
        break;
    }
    case OP_POW: return float_pow(vm, x, y);
    default: return 0;
    }
    return check(vm, float_new(h, r));
}

/* ---------------- sequences ---------------- */

static Addr seq_repeat(Vm *vm, Addr s, int64_t n);

static Addr str_concat(Vm *vm, Addr a, Addr b) { return check(vm, str_add(H(vm), a, b)); }

static Addr list_concat(Vm *vm, Addr a, Addr b)
{
    Heap *h = H(vm);
    size_t na = list_len(h, a), nb = list_len(h, b);
    Addr r = list_new(h, na + nb);
    if (!r) return nomem(vm);
    heap_copy_refs(h, list_items(h, r), list_items(h, a), 1, na);
    heap_copy_refs(h, list_items(h, r) + (Addr)na * h->W, list_items(h, b), 1, nb);
    return r;
}

static Addr tuple_concat(Vm *vm, Addr a, Addr b)
{
    Heap *h = H(vm);
    size_t na = tuple_len(h, a), nb = tuple_len(h, b);
    if (nb == 0) { heap_incref(h, a); return a; }
    if (na == 0) { heap_incref(h, b); return b; }
    Addr r = tuple_new(h, na + nb);
    if (!r) return nomem(vm);
    heap_copy_refs(h, tuple_item_at(h, r, 0), tuple_item_at(h, a, 0), 1, na);
    heap_copy_refs(h, tuple_item_at(h, r, na), tuple_item_at(h, b, 0), 1, nb);
    return r;
}

/*
** The len items at 'src' repeated n times into the slots at 'dst', each
** item gaining n references in the order list_repeat and tuple_repeat
** take them. With nothing observing, each item's count grows by n at once
** and the slots are copied as bytes, doubling: [True] * 15_000_001 took
** an incref with an observer test and a division per slot.
*/
static void repeat_items(Heap *h, Addr dst, Addr src, size_t len, size_t n)
{
    unsigned W = h->W;
    bool bulk = !HEAP_OBSERVED(h);
    for (size_t j = 0; bulk && j < len; j++) bulk = heap_can_incref_n(h, ram_word(&h->ram, src + j * W), n);
    if (!bulk) {
        for (size_t k = 0; k < n; k++) heap_copy_refs(h, dst + (Addr)(k * len) * W, src, 1, len);
        return;
    }
    for (size_t j = 0; j < len; j++) heap_incref_n(h, ram_word(&h->ram, src + j * W), n);
    uint8_t *d = ram_ptr(&h->ram, dst);
    size_t have = len * W, total = have * n;
    memcpy(d, ram_ptr(&h->ram, src), have);
    while (have < total) {
        size_t c = have < total - have ? have : total - have;
        memcpy(d + have, d, c);
        have += c;
    }
}

static Addr seq_repeat(Vm *vm, Addr s, int64_t n)
{
    Heap *h = H(vm);
    if (n < 0) n = 0;
    TypeId t = obj_type(h, s);
    if (t == TY_STR) {
        size_t len = str_len(h, s);
        if (len == 0 || n == 1) { heap_incref(h, s); return s; }
        uint64_t ssize_max = h->W == 8 ? INT64_MAX : INT32_MAX;     /* PY_SSIZE_T_MAX */
        if (n && len && (uint64_t)n > ssize_max / len) return vm_raise(vm, EXC_OVERFLOW, "repeated string is too long");
        if (n && len && !fits_heap(vm, (uint64_t)n, (uint64_t)len * str_kind(h, s))) return nomem(vm);
        size_t total = len * (size_t)n;
        if (total && str_is_ascii(h, s)) {      /* unicode_repeat: copies into a new ASCII string */
            uint8_t *d;
            Addr r = str_new_ascii_buf(h, total, &d);
            if (!r) return nomem(vm);
            const uint8_t *src = str_data(h, s);
            if (len == 1) memset(d, src[0], total);
            else for (size_t i = 0; i < total; i += len) memcpy(d + i, src, len);
            return r;
        }
        uint32_t *cp = xmalloc((total + 1) * sizeof *cp);
        for (size_t i = 0; i < total; i++) cp[i] = str_char(h, s, i % len);
        Addr r = check(vm, str_from_cps(h, cp, total));
        free(cp);
        return r;
    }
    size_t len = t == TY_LIST ? list_len(h, s) : tuple_len(h, s);
    if (n && len && !fits_heap(vm, (uint64_t)n, (uint64_t)len * h->W)) return nomem(vm);
    size_t total = len * (size_t)n;
    if (t == TY_TUPLE) {
        if (n == 1 || len == 0) { if (len == 0 || n == 1) { Addr r = n == 1 ? s : h->empty_tuple; heap_incref(h, r); return r; } }
        Addr r = tuple_new(h, total);
        if (!r) return nomem(vm);
        repeat_items(h, tuple_item_at(h, r, 0), tuple_item_at(h, s, 0), len, (size_t)n);
        return r;
    }
    Addr r = list_new(h, total);
    if (!r) return nomem(vm);
    if (total) repeat_items(h, list_items(h, r), list_items(h, s), len, (size_t)n);
    return r;
}



Addr op_binary(Vm *vm, OpCode op, Addr a, Addr b)
{
    Heap *h = H(vm);
    TypeId ta = obj_type(h, a), tb = obj_type(h, b);
    if (ta == TY_STR && tb == TY_STR && op == OP_ADD) return str_concat(vm, a, b);
    bool ia = ta == TY_INT || ta == TY_BOOL, ib = tb == TY_INT || tb == TY_BOOL;
    if (ia && ib) return int_binary(vm, op, a, b);
    if ((ia || ta == TY_FLOAT) && (ib || tb == TY_FLOAT)) {
        double x, y;
        if (!op_to_double(vm, a, &x) || !op_to_double(vm, b, &y)) return 0;
        if (op >= OP_LSHIFT && op <= OP_BITXOR) return unsupported(vm, op, a, b);
        return float_binary(vm, op, x, y);
    }
    switch (op) {
    case OP_ADD:
        if (ta == TY_LIST && tb == TY_LIST) return list_concat(vm, a, b);
        if (ta == TY_TUPLE && tb == TY_TUPLE) return tuple_concat(vm, a, b);
        if (ta == TY_STR || ta == TY_LIST || ta == TY_TUPLE)
            return vm_raise(vm, EXC_TYPE, "can only concatenate %s (not \"%s\") to %s",
                            heap_type_names[ta], op_type_name(vm, b), heap_type_names[ta]);
        break;
    case OP_MUL:
        if ((ta == TY_STR || ta == TY_LIST || ta == TY_TUPLE) && ib) {
            int64_t n;
            if (!int_to_i64(h, b, &n)) return vm_raise(vm, EXC_OVERFLOW, "cannot fit 'int' into an index-sized integer");
            return seq_repeat(vm, a, n);
        }
        if ((tb == TY_STR || tb == TY_LIST || tb == TY_TUPLE) && ia) {
            int64_t n;
            if (!int_to_i64(h, a, &n)) return vm_raise(vm, EXC_OVERFLOW, "cannot fit 'int' into an index-sized integer");
            return seq_repeat(vm, b, n);
        }
        if (ta == TY_STR || ta == TY_LIST || ta == TY_TUPLE)
            return vm_raise(vm, EXC_TYPE, "can't multiply sequence by non-int of type '%s'", op_type_name(vm, b));
        if (tb == TY_STR || tb == TY_LIST || tb == TY_TUPLE)
            return vm_raise(vm, EXC_TYPE, "can't multiply sequence by non-int of type '%s'", op_type_name(vm, a));
        break;
    case OP_MOD:
        if (ta == TY_STR) return op_percent_format(vm, a, b);
        break;
    default: break;
    }
    return unsupported(vm, op, a, b);
}

Addr op_str_append(Vm *vm, Addr left, Addr right) { return check(vm, str_append(H(vm), left, right)); }

Addr op_inplace(Vm *vm, OpCode op, Addr a, Addr b)
{
    Heap *h = H(vm);
    if (obj_type(h, a) == TY_LIST) {
        if (op == OP_ADD) {
            if (op_list_extend(vm, a, b) != 0) return 0;
            heap_incref(h, a);
            return a;
        }
        if (op == OP_MUL && op_is_int(vm, b)) {
            int64_t n;
            if (!int_to_i64(h, b, &n)) return nomem(vm);
            size_t len = list_len(h, a);
            if (n <= 0) { list_clear(h, a); heap_incref(h, a); return a; }
            if (len && !fits_heap(vm, (uint64_t)n, (uint64_t)len * h->W)) return nomem(vm);
            if (len && list_resize(h, a, len * (size_t)n) != 0) return nomem(vm);
            for (size_t i = len; i < len * (size_t)n; i++) {
                Addr v = list_get(h, a, i % len);
                heap_incref(h, v);
                ram_set_word(&h->ram, list_items(h, a) + i * h->W, v);
            }
            heap_incref(h, a);
            return a;
        }
    }
    return op_binary(vm, op, a, b);
}

Addr op_unary(Vm *vm, OpCode op, Addr a)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, a);
    if (op == OP_NOT) {
        int tr = op_truth(vm, a);
        if (tr < 0) return 0;
        return heap_bool(h, !tr);
    }
    if (t == TY_INT || t == TY_BOOL) {
        int64_t v;
        if (int_small(h, a, &v)) {
            if (op == OP_NEG) return check(vm, int_from_i64(h, -v));
            if (op == OP_INVERT) return check(vm, int_from_i64(h, ~v));
            if (t == TY_BOOL) return check(vm, int_from_i64(h, v));
            heap_incref(h, a);
            return a;
        }
        int_to_big(h, a, &h->t1);
        BigInt r;
        big_init(&r);
        if (op == OP_NEG) big_neg(&r, &h->t1);
        else if (op == OP_INVERT) big_invert(&r, &h->t1);
        else big_copy(&r, &h->t1);
        Addr res = int_result(vm, &r);
        big_free(&r);
        return res;
    }
    if (t == TY_FLOAT && op != OP_INVERT) {
        if (op == OP_POS) { heap_incref(h, a); return a; }
        return check(vm, float_new(h, -float_value(h, a)));
    }
    return vm_raise(vm, EXC_TYPE, "bad operand type for unary %s: '%s'",
                    op == OP_NEG ? "-" : op == OP_POS ? "+" : "~", op_type_name(vm, a));
}

/* ---------------- truth, equality, order ---------------- */

int op_truth(Vm *vm, Addr a)
{
    Heap *h = H(vm);
    if (a == h->true_) return 1;
    if (a == h->false_ || a == h->none) return 0;
    switch (obj_type(h, a)) {
    case TY_INT: return int_sign(h, a) != 0;
    case TY_FLOAT: return float_value(h, a) != 0.0;
    case TY_STR: return str_len(h, a) != 0;
    case TY_LIST: return list_len(h, a) != 0;
    case TY_TUPLE: return tuple_len(h, a) != 0;
    case TY_DICT: return dict_len(h, a) != 0;
    case TY_RANGE: {
        int64_t n;
        return int_to_i64(h, obj_field(h, a, 3), &n) ? n != 0 : 1;
    }
    default: return 1;
    }
}


/* Compares numbers exactly (an int and a float compare by value, as CPython). */
static int num_cmp(Vm *vm, Addr a, TypeId ta, Addr b, TypeId tb)
{
    Heap *h = H(vm);
    int64_t x, y;
    if (ta != TY_FLOAT && tb != TY_FLOAT) {
        if (int_small(h, a, &x) && int_small(h, b, &y)) return (x > y) - (x < y);
        int_to_big(h, a, &h->t1);
        int_to_big(h, b, &h->t2);
        return big_cmp(&h->t1, &h->t2);
    }
    if (ta == TY_FLOAT && tb == TY_FLOAT) {
        double u = float_value(h, a), v = float_value(h, b);
        if (isnan(u) || isnan(v)) return 2;
        return (u > v) - (u < v);
    }
    /* int vs float */
    bool swap = ta == TY_FLOAT;
    Addr i = swap ? b : a;
    double f = float_value(h, swap ? a : b);
    int res;
    if (isnan(f)) return 2;
    if (isinf(f)) res = f > 0 ? -1 : 1;
    else {
        int_to_big(h, i, &h->t1);
        double fl = floor(f);
        BigInt fb;
        big_init(&fb);
        big_from_double(&fb, fl);
        res = big_cmp(&h->t1, &fb);
        big_free(&fb);
        if (res == 0 && f != fl) res = -1;     /* i == floor(f) < f */
    }
    return swap ? -res : res;
}

int op_eq(Vm *vm, Addr a, Addr b)
{
    Heap *h = H(vm);
    if (a == b) {
        if (obj_type(h, a) == TY_FLOAT && isnan(float_value(h, a))) return 1;  /* identity implies equality in containers */
        return 1;
    }
    TypeId ta = obj_type(h, a), tb = obj_type(h, b);
    if (op_type_is_num(ta) && op_type_is_num(tb)) return num_cmp(vm, a, ta, b, tb) == 0;
    if (ta != tb) return 0;
    switch (ta) {
    case TY_STR: return str_eq(h, a, b);
    case TY_LIST: case TY_TUPLE: {
        size_t n = ta == TY_LIST ? list_len(h, a) : tuple_len(h, a);
        size_t m = ta == TY_LIST ? list_len(h, b) : tuple_len(h, b);
        if (n != m) return 0;
        for (size_t i = 0; i < n; i++) {
            Addr x = ta == TY_LIST ? list_get(h, a, i) : tuple_get(h, a, i);
            Addr y = ta == TY_LIST ? list_get(h, b, i) : tuple_get(h, b, i);
            int e = op_eq(vm, x, y);
            if (e != 1) return e;
        }
        return 1;
    }
    case TY_DICT: {
        if (dict_len(h, a) != dict_len(h, b)) return 0;
        size_t pos = 0;
        Addr k, v;
        while (dict_next(h, a, &pos, &k, &v)) {
            Addr w = dict_get(h, b, k);
            if (!w) return 0;
            int e = op_eq(vm, v, w);
            if (e != 1) return e;
        }
        return 1;
    }
    case TY_RANGE: {
        for (unsigned i = 0; i < 3; i++) if (op_eq(vm, obj_field(h, a, i), obj_field(h, b, i)) != 1) return 0;
        return 1;
    }
    default: return 0;
    }
}

static const char *cmp_symbol(OpCode op)
{
    switch (op) {
    case OP_LT: return "<";
    case OP_LE: return "<=";
    case OP_GT: return ">";
    case OP_GE: return ">=";
    default: return "==";
    }
}

int op_order(Vm *vm, Addr a, Addr b, const char *opname)
{
    Heap *h = H(vm);
    TypeId ta = obj_type(h, a), tb = obj_type(h, b);
    if (op_type_is_num(ta) && op_type_is_num(tb)) return num_cmp(vm, a, ta, b, tb);
    if (ta == tb) {
        switch (ta) {
        case TY_STR: return str_cmp(h, a, b);
        case TY_LIST: case TY_TUPLE: {
            size_t n = ta == TY_LIST ? list_len(h, a) : tuple_len(h, a);
            size_t m = ta == TY_LIST ? list_len(h, b) : tuple_len(h, b);
            for (size_t i = 0; i < n && i < m; i++) {
                Addr x = ta == TY_LIST ? list_get(h, a, i) : tuple_get(h, a, i);
                Addr y = ta == TY_LIST ? list_get(h, b, i) : tuple_get(h, b, i);
                int e = op_eq(vm, x, y);
                if (e < 0) return -2;
                if (!e) return op_order(vm, x, y, opname);
            }
            return (n > m) - (n < m);
        }
        default: break;
        }
    }
    vm_raise(vm, EXC_TYPE, "'%s' not supported between instances of '%s' and '%s'",
             opname, op_type_name(vm, a), op_type_name(vm, b));
    return -2;
}

int op_contains(Vm *vm, Addr c, Addr v)
{
    Heap *h = H(vm);
    switch (obj_type(h, c)) {
    case TY_LIST: case TY_TUPLE: {
        bool l = obj_type(h, c) == TY_LIST;
        size_t n = l ? list_len(h, c) : tuple_len(h, c);
        for (size_t i = 0; i < n; i++) {
            int e = op_eq(vm, l ? list_get(h, c, i) : tuple_get(h, c, i), v);
            if (e) return e;
            if (l) n = list_len(h, c);
        }
        return 0;
    }
    case TY_STR: {
        if (obj_type(h, v) != TY_STR)
            return vm_raise(vm, EXC_TYPE, "'in <string>' requires string as left operand, not %s", op_type_name(vm, v)), -1;
        return str_contains(h, c, v);
    }
    case TY_DICT: case TY_DICTKEYS: {
        Addr d = obj_type(h, c) == TY_DICT ? c : obj_field(h, c, 0);
        if (!op_check_hashable(vm, v)) return -1;
        return dict_get(h, d, v) != 0;
    }
    case TY_RANGE: {
        if (!op_is_int(vm, v)) break;
        int64_t x, start, stop, step;
        if (!int_to_i64(h, v, &x) || !int_to_i64(h, obj_field(h, c, 0), &start) ||
            !int_to_i64(h, obj_field(h, c, 1), &stop) || !int_to_i64(h, obj_field(h, c, 2), &step)) break;
        if (step > 0 ? (x < start || x >= stop) : (x > start || x <= stop)) return 0;
        return (x - start) % step == 0;
    }
    default: break;
    }
    Addr it = op_iter(vm, c);
    if (!it) {
        vm_clear_error(vm);
        vm_raise(vm, EXC_TYPE, "argument of type '%s' is not iterable", op_type_name(vm, c));
        return -1;
    }
    Addr x;
    int st, found = 0;
    while (!found && (st = op_next(vm, it, &x)) == 1) {
        found = op_eq(vm, x, v);
        heap_decref(h, x);
    }
    heap_decref(h, it);
    return found;
}

bool op_check_hashable_slow(Vm *vm, Addr k)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, k);
    if (t == TY_LIST || t == TY_DICT) {
        vm_raise(vm, EXC_TYPE, "unhashable type: '%s'", op_type_name(vm, k));
        return false;
    }
    if (t == TY_TUPLE) {
        for (size_t i = 0; i < tuple_len(h, k); i++)
            if (!op_check_hashable(vm, tuple_get(h, k, i))) return false;
    }
    return true;
}

Addr op_compare(Vm *vm, OpCode op, Addr a, Addr b)
{
    Heap *h = H(vm);
    int r;
    switch (op) {
    case OP_IS: return heap_bool(h, a == b);
    case OP_ISNOT: return heap_bool(h, a != b);
    case OP_IN: case OP_NOTIN:
        r = op_contains(vm, b, a);
        if (r < 0) return 0;
        return heap_bool(h, op == OP_IN ? r : !r);
    case OP_EQ: case OP_NE:
        r = op_eq(vm, a, b);
        if (r < 0) return 0;
        if (obj_type(h, a) == TY_FLOAT && a == b && isnan(float_value(h, a))) r = 0;
        return heap_bool(h, op == OP_EQ ? r : !r);
    default: {
        r = op_order(vm, a, b, cmp_symbol(op));
        if (r == -2) return 0;
        if (r == 2) return heap_bool(h, false);     /* NaN */
        bool v = op == OP_LT ? r < 0 : op == OP_LE ? r <= 0 : op == OP_GT ? r > 0 : r >= 0;
        return heap_bool(h, v);
    }
    }
}

/* ---------------- repr / str ---------------- */

/* repr() of a str; with 'limit' < its length, of its first 'limit'
** characters, ending in "..." inside the quotes (the trace's short form). */
void op_repr_str_cut(Vm *vm, Addr s, size_t limit, StrBuf *out)
{
    Heap *h = H(vm);
    size_t n = str_len(h, s);
    bool sq = false, dq = false;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = str_char(h, s, i);
        if (c == '\'') sq = true;
        if (c == '"') dq = true;
    }
    op_repr_str_quoted(vm, s, limit, sq, dq, out);
}

void op_repr_str_quoted(Vm *vm, Addr s, size_t limit, bool sq, bool dq, StrBuf *out)
{
    Heap *h = H(vm);
    size_t n = str_len(h, s);
    char q = sq && !dq ? '"' : '\'';
    sb_putc(out, q);
    bool cut = limit < n;
    if (cut) n = limit;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = str_char(h, s, i);
        if (c == (uint32_t)q || c == '\\') { sb_putc(out, '\\'); sb_putc(out, (char)c); }
        else if (c == '\n') sb_puts(out, "\\n");
        else if (c == '\r') sb_puts(out, "\\r");
        else if (c == '\t') sb_puts(out, "\\t");
        else if (op_unicode_printable(c, vm->py312)) sb_put_utf8(out, c);
        else if (c < 0x100) sb_printf(out, "\\x%02x", c);
        else if (c < 0x10000) sb_printf(out, "\\u%04x", c);
        else sb_printf(out, "\\U%08x", c);
    }
    if (cut) sb_puts(out, "...");
    sb_putc(out, q);
}

static void repr_str(Vm *vm, Addr s, StrBuf *out) { op_repr_str_cut(vm, s, SIZE_MAX, out); }

static void int_text(Vm *vm, Addr a, StrBuf *out)
{
    Heap *h = H(vm);
    int64_t v;
    if (int_small(h, a, &v)) { sb_put_i64(out, v); return; }
    int_to_big(h, a, &h->t1);
    big_to_decimal(&h->t1, out);
}

/* repr() with a depth guard against self-containing lists */
static void repr_depth(Vm *vm, Addr a, StrBuf *out, int depth)
{
    Heap *h = H(vm);
    if (depth > 200) { sb_puts(out, "[...]"); return; }
    TypeId t = obj_type(h, a);
    switch (t) {
    case TY_NONE: sb_puts(out, "None"); return;
    case TY_BOOL: sb_puts(out, a == h->true_ ? "True" : "False"); return;
    case TY_INT:
        /* str() and repr() as programs see them stop at an int past the
        ** digit limit (CPython raises from inside a list's repr too); a
        ** trace or the stepper shows every digit */
        if (vm->repr_strict && !op_check_int_digits(vm, a)) { vm->repr_strict = false; return; }
        int_text(vm, a, out);
        return;
    case TY_FLOAT: fmt_float_repr(float_value(h, a), out); return;
    case TY_STR: repr_str(vm, a, out); return;
    case TY_LIST: case TY_TUPLE: {
        bool l = t == TY_LIST;
        size_t n = l ? list_len(h, a) : tuple_len(h, a);
        sb_putc(out, l ? '[' : '(');
        for (size_t i = 0; i < n; i++) {
            if (i) sb_puts(out, ", ");
            Addr x = l ? list_get(h, a, i) : tuple_get(h, a, i);
            if (x == a) sb_puts(out, l ? "[...]" : "(...)");
            else repr_depth(vm, x, out, depth + 1);
            if (l) n = list_len(h, a);
        }
        if (!l && n == 1) sb_putc(out, ',');
        sb_putc(out, l ? ']' : ')');
        return;
    }
    case TY_DICT: {
        sb_putc(out, '{');
        size_t pos = 0;
        Addr k, v;
        bool first = true;
        while (dict_next(h, a, &pos, &k, &v)) {
            if (!first) sb_puts(out, ", ");
            first = false;
            repr_depth(vm, k, out, depth + 1);
            sb_puts(out, ": ");
            if (v == a) sb_puts(out, "{...}"); else repr_depth(vm, v, out, depth + 1);
        }
        sb_putc(out, '}');
        return;
    }
    case TY_DICTKEYS: case TY_DICTVALUES: case TY_DICTITEMS: {
        sb_puts(out, heap_type_names[t]);
        sb_puts(out, "([");
        size_t pos = 0;
        Addr k, v, d = obj_field(h, a, 0);
        bool first = true;
        while (dict_next(h, d, &pos, &k, &v)) {
            if (!first) sb_puts(out, ", ");
            first = false;
            if (t == TY_DICTKEYS) repr_depth(vm, k, out, depth + 1);
            else if (t == TY_DICTVALUES) repr_depth(vm, v, out, depth + 1);
            else { sb_putc(out, '('); repr_depth(vm, k, out, depth + 1); sb_puts(out, ", "); repr_depth(vm, v, out, depth + 1); sb_putc(out, ')'); }
        }
        sb_puts(out, "])");
        return;
    }
    case TY_RANGE: {
        sb_puts(out, "range(");
        int_text(vm, obj_field(h, a, 0), out);
        sb_puts(out, ", ");
        int_text(vm, obj_field(h, a, 1), out);
        int64_t step;
        if (!int_to_i64(h, obj_field(h, a, 2), &step) || step != 1) { sb_puts(out, ", "); int_text(vm, obj_field(h, a, 2), out); }
        sb_putc(out, ')');
        return;
    }
    case TY_FUNCTION: {
        StrBuf nm; sb_init(&nm);
        str_to_utf8(h, obj_field(h, a, 1), &nm);
        sb_printf(out, "<function %s at 0x%llx>", nm.s, (unsigned long long)a);
        sb_free(&nm);
        return;
    }
    case TY_BUILTIN: {
        extern const char *vm_builtin_name(Vm *vm, Addr f);
        Addr self = obj_field(h, a, 0);
        if (self && obj_type(h, self) != TY_MODULE)
            sb_printf(out, "<built-in method %s of %s object at 0x%llx>", vm_builtin_name(vm, a), op_type_name(vm, self), (unsigned long long)self);
        else
            sb_printf(out, "<built-in function %s>", vm_builtin_name(vm, a));
        return;
    }
    case TY_MODULE: {
        StrBuf nm; sb_init(&nm);
        str_to_utf8(h, obj_field(h, a, 1), &nm);
        sb_printf(out, "<module '%s'%s>", nm.s, str_eq_cstr(h, obj_field(h, a, 1), "sys") ? " (built-in)" : "");
        sb_free(&nm);
        return;
    }
    case TY_TYPE:
        sb_printf(out, "<class '%s'>", heap_type_names[(a - h->type_base) >> h->type_shift]);
        return;
    case TY_FILE: {
        StrBuf nm; sb_init(&nm);
        repr_str(vm, obj_field(h, a, 0), &nm);
        StrBuf md; sb_init(&md);
        repr_str(vm, obj_field(h, a, 1), &md);
        sb_printf(out, "<_io.TextIOWrapper name=%s mode=%s encoding='UTF-8'>", nm.s, md.s);
        sb_free(&nm); sb_free(&md);
        return;
    }
    default:
        sb_printf(out, "<%s object at 0x%llx>", heap_type_names[t], (unsigned long long)a);
        return;
    }
}

void op_repr(Vm *vm, Addr a, StrBuf *out) { repr_depth(vm, a, out, 0); }

void op_str(Vm *vm, Addr a, StrBuf *out)
{
    if (obj_type(H(vm), a) == TY_STR) { str_to_utf8(H(vm), a, out); return; }
    op_repr(vm, a, out);
}

bool op_repr_strict(Vm *vm, Addr a, bool str, StrBuf *out)
{
    vm->repr_strict = true;
    if (str) op_str(vm, a, out); else op_repr(vm, a, out);
    bool ok = vm->repr_strict;
    vm->repr_strict = false;
    return ok;
}

/* False, with ValueError raised, when 'a' is an int whose decimal text
** would pass the profile's max_str_digits (str(), repr(), a decimal format) */
bool op_check_int_digits(Vm *vm, Addr a)
{
    Heap *h = H(vm);
    unsigned lim = h->L.max_str_digits;
    if (!lim || obj_type(h, a) != TY_INT || int_ndigits(h, a) * 30 < lim * 3.32) return true;
    int_to_big(h, a, &h->t1);
    /* exact check on the decimal length */
    StrBuf s; sb_init(&s);
    big_to_decimal(&h->t1, &s);
    size_t n = s.len - (s.s[0] == '-');
    sb_free(&s);
    if (n > lim) {
        vm_raise(vm, EXC_VALUE, "Exceeds the limit (%u digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit", lim);
        return false;
    }
    return true;
}

Addr op_repr_obj(Vm *vm, Addr a)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, a);
    int64_t v;
    if (t == TY_INT && int_small(h, a, &v)) return check(vm, str_from_i64(h, v));  /* no StrBuf */
    StrBuf b; sb_init(&b);
    if (!op_repr_strict(vm, a, false, &b)) { sb_free(&b); return 0; }
    Addr r;
    if (t == TY_INT || t == TY_FLOAT) {
        /* numbers format into a fresh string: str(5) is not str(5) */
        r = str_new_ascii(h, b.s, b.len);
        if (!r) nomem(vm);
    } else if (t == TY_BOOL || t == TY_NONE) {
        /* 'True', 'False', 'None' are static interned strings */
        r = op_str_utf8(vm, b.s, b.len);
        if (r) r = str_intern(h, r);
    } else {
        r = op_str_utf8(vm, b.s ? b.s : "", b.len);
    }
    sb_free(&b);
    return r;
}

Addr op_str_obj(Vm *vm, Addr a)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, a);
    int64_t v;
    if (t == TY_STR) { heap_incref(h, a); return a; }
    if (t == TY_INT && int_small(h, a, &v)) return check(vm, str_from_i64(h, v));  /* op_repr_obj's first case */
    return op_repr_obj(vm, a);
}

/* ---------------- indexing ---------------- */

static bool norm_index(Vm *vm, Addr i, size_t n, size_t *out, const char *what)
{
    int64_t k;
    if (!op_is_int(vm, i)) {
        vm_raise(vm, EXC_TYPE, "%s indices must be integers or slices, not %s", what, op_type_name(vm, i));
        return false;
    }
    if (!int_to_i64(H(vm), i, &k)) {
        vm_raise(vm, EXC_INDEX, "cannot fit 'int' into an index-sized integer");
        return false;
    }
    /* unsigned, so that a length past 2**63 - 1 (a wide range) works too:
    ** a negative k is in range when -k <= n */
    uint64_t u = (uint64_t)k;
    if (k < 0 ? (uint64_t)0 - u > n : u >= n) {
        vm_raise(vm, EXC_INDEX, "%s index out of range", what);
        return false;
    }
    if (k < 0) u += (uint64_t)n;
    *out = (size_t)u;
    return true;
}

/* PySlice_Unpack + AdjustIndices */
/* A slice field that is not None: its value, an int beyond C's range
** saturated to +-big (as _PyEval_SliceIndex clamps it); false after
** TypeError. An int's type is checked inline before op_is_int's call. */
static bool slice_field(Vm *vm, Addr e, int64_t big, int64_t *v)
{
    Heap *h = H(vm);
    if (obj_type_addr(h, e) != heap_type_obj(h, TY_INT) && !op_is_int(vm, e)) {
        vm_raise(vm, EXC_TYPE, "slice indices must be integers or None or have an __index__ method");
        return false;
    }
    if (!int_to_i64(h, e, v)) *v = int_sign(h, e) > 0 ? big : -big;
    return true;
}

static bool slice_indices(Vm *vm, Addr sl, size_t len, int64_t *start, int64_t *stop, int64_t *step, size_t *count)
{
    Heap *h = H(vm);
    Addr a = obj_field(h, sl, 0), b = obj_field(h, sl, 1), c = obj_field(h, sl, 2);
    int64_t n = (int64_t)len;
    *step = 1;
    if (c != h->none) {
        if (!slice_field(vm, c, INT64_MAX, step)) return false;
        if (*step == 0) { vm_raise(vm, EXC_VALUE, "slice step cannot be zero"); return false; }
    }
    Addr ends[2] = { a, b };
    int64_t vals[2];
    for (int i = 0; i < 2; i++) {
        Addr e = ends[i];
        if (e == h->none) {
            vals[i] = slice_end_none(i == 0, n, *step);
            continue;
        }
        int64_t v;
        if (!slice_field(vm, e, INT64_MAX / 2, &v)) return false;
        vals[i] = slice_end(v, n, *step);
    }
    *start = vals[0];
    *stop = vals[1];
    *count = slice_count(*start, *stop, *step);
    return true;
}

static Addr get_slice(Vm *vm, Addr c, Addr sl)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, c);
    size_t n = t == TY_LIST ? list_len(h, c) : t == TY_TUPLE ? tuple_len(h, c) : str_len(h, c);
    int64_t start, stop, step;
    size_t cnt;
    if (!slice_indices(vm, sl, n, &start, &stop, &step, &cnt)) return 0;
    if (t == TY_STR) {
        if (cnt == n && step == 1) { heap_incref(h, c); return c; }
        bool ascii = str_is_ascii(h, c);
        if (step == 1 && ascii) return check(vm, str_ascii_piece(h, str_data(h, c) + start, cnt));
        if (step == 1 || cnt == 0) {            /* PyUnicode_Substring: a char's singleton */
            uint32_t *cp = xmalloc((cnt + 1) * sizeof *cp);
            for (size_t i = 0; i < cnt; i++) cp[i] = str_char(h, c, (size_t)start + i);
            Addr r = check(vm, str_from_cps(h, cp, cnt));
            free(cp);
            return r;
        }
        /* unicode_subscript's general case: always a new string, one
        ** char long too; an ASCII one copied byte by byte */
        if (ascii) {
            uint8_t *dst;
            Addr r = str_new_ascii_buf(h, cnt, &dst);
            if (!r) return nomem(vm);
            const uint8_t *src = str_data(h, c);
            for (size_t i = 0; i < cnt; i++) dst[i] = src[start + (int64_t)i * step];
            return r;
        }
        uint32_t *cp = xmalloc(cnt * sizeof *cp);
        for (size_t i = 0; i < cnt; i++) cp[i] = str_char(h, c, (size_t)(start + (int64_t)i * step));
        Addr r = check(vm, str_from_cps_fresh(h, cp, cnt));
        free(cp);
        return r;
    }
    if (t == TY_TUPLE) {
        if (cnt == n && step == 1) { heap_incref(h, c); return c; }
        Addr r = tuple_new(h, cnt);
        if (!r) return nomem(vm);
        heap_copy_refs(h, tuple_item_at(h, r, 0), tuple_item_at(h, c, (size_t)start), step, cnt);
        return r;
    }
    Addr r = list_new(h, cnt);
    if (!r) return nomem(vm);
    if (cnt) heap_copy_refs(h, list_items(h, r), list_items(h, c) + (Addr)start * h->W, step, cnt);
    return r;
}

Addr op_getitem(Vm *vm, Addr c, Addr i)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, c);
    size_t k;
    switch (t) {
    case TY_LIST: case TY_TUPLE: case TY_STR: {
        const char *what = t == TY_LIST ? "list" : t == TY_TUPLE ? "tuple" : "string";
        if (obj_type(h, i) == TY_SLICE) return get_slice(vm, c, i);
        if (t == TY_STR && !op_is_int(vm, i)) return vm_raise(vm, EXC_TYPE, "string indices must be integers, not '%s'", op_type_name(vm, i));
        size_t n = t == TY_LIST ? list_len(h, c) : t == TY_TUPLE ? tuple_len(h, c) : str_len(h, c);
        if (!norm_index(vm, i, n, &k, what)) return 0;
        if (t == TY_STR) {
            uint32_t ch = str_char(h, c, k);
            if (ch < 256) return str_char_singleton(h, ch);
            return check(vm, str_from_cps(h, &ch, 1));
        }
        Addr v = t == TY_LIST ? list_get(h, c, k) : tuple_get(h, c, k);
        heap_incref(h, v);
        return v;
    }
    case TY_DICT: {
        if (!op_check_hashable(vm, i)) return 0;
        Addr v = dict_get(h, c, i);
        if (!v) {
            StrBuf s; sb_init(&s);
            op_repr(vm, i, &s);
            vm_raise(vm, EXC_KEY, "%s", s.s);
            sb_free(&s);
            return 0;
        }
        heap_incref(h, v);
        return v;
    }
    case TY_RANGE: {
        int64_t start, stop, step;
        int_to_i64(h, obj_field(h, c, 0), &start);
        int_to_i64(h, obj_field(h, c, 1), &stop);
        int_to_i64(h, obj_field(h, c, 2), &step);
        /* the length from the bounds: past 2**63 - 1 (range(-2**63, 1))
        ** the length field is an int that int_to_i64 cannot give */
        if (!norm_index(vm, i, (size_t)op_range_len(start, stop, step), &k, "range object")) return 0;
        /* an item of the range fits; k * step alone may not: unsigned, as range_reverse */
        return check(vm, int_from_i64(h, (int64_t)((uint64_t)start + (uint64_t)k * (uint64_t)step)));
    }
    default:
        return vm_raise(vm, EXC_TYPE, "'%s' object is not subscriptable", op_type_name(vm, c));
    }
}

/*
** l[slice] = v as list_ass_subscript: v as PySequence_Fast makes it (a list
** or tuple as it is, l itself copied first, any other iterable through its
** iterator into a new list), then list_ass_slice for a step of 1, else
** each slot of the extended slice in turn, which must be as many as v has.
*/
static int list_ass_subscript(Vm *vm, Addr l, Addr sl, Addr v)
{
    Heap *h = H(vm);
    int64_t start, stop, step;
    size_t cnt;
    if (!slice_indices(vm, sl, list_len(h, l), &start, &stop, &step, &cnt)) return -1;
    TypeId vt = obj_type(h, v);
    Addr seq;
    if (v == l) {
        if (!(seq = list_new(h, list_len(h, l)))) { nomem(vm); return -1; }
        heap_copy_refs(h, list_items(h, seq), list_items(h, l), 1, list_len(h, l));
    } else if (vt == TY_LIST || vt == TY_TUPLE) {
        seq = v;
        heap_incref(h, v);
    } else {
        Addr it = op_iter(vm, v);
        if (!it) {
            if (vm->err.kind == EXC_TYPE) {
                free(vm->err.msg);
                vm->err.msg = xstrdup(step == 1 ? "can only assign an iterable" : "must assign iterable to extended slice");
            }
            return -1;
        }
        seq = list_new(h, 0);                   /* PySequence_List(it) */
        int st = seq ? op_list_extend(vm, seq, it) : (nomem(vm), -1);
        heap_decref(h, it);
        if (st != 0) { heap_decref(h, seq); return -1; }
    }
    bool tuple = obj_type(h, seq) == TY_TUPLE;
    size_t n = tuple ? tuple_len(h, seq) : list_len(h, seq);
    Addr src = tuple ? tuple_item_at(h, seq, 0) : list_items(h, seq);
    int rc = 0;
    if (step == 1) {
        if (list_assign_slice(h, l, (size_t)start, (size_t)(stop < start ? start : stop), src, n) != 0) rc = -1, nomem(vm);
    } else if (n != cnt) {
        vm_raise(vm, EXC_VALUE, "attempt to assign sequence of size %zu to extended slice of size %zu", n, cnt);
        rc = -1;
    } else if (n) {
        list_assign_ext(h, l, (size_t)start, step, src, n);
    }
    heap_decref(h, seq);
    return rc;
}

int op_setitem(Vm *vm, Addr c, Addr i, Addr v)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, c);
    if (t == TY_LIST) {
        if (obj_type(h, i) == TY_SLICE) return list_ass_subscript(vm, c, i, v);
        size_t k;
        if (!norm_index(vm, i, list_len(h, c), &k, "list")) {
            if (vm->err.kind == EXC_INDEX) { free(vm->err.msg); vm->err.msg = xstrdup("list assignment index out of range"); }
            return -1;
        }
        heap_incref(h, v);
        list_set(h, c, k, v);
        return 0;
    }
    if (t == TY_DICT) {
        if (!op_check_hashable(vm, i)) return -1;
        heap_incref(h, v);
        if (dict_set(h, c, i, v) != 0) { nomem(vm); return -1; }
        return 0;
    }
    vm_raise(vm, EXC_TYPE, "'%s' object does not support item assignment", op_type_name(vm, c));
    return -1;
}

int op_delitem(Vm *vm, Addr c, Addr i)
{
    Heap *h = H(vm);
    TypeId t = obj_type(h, c);
    if (t == TY_LIST) {
        if (obj_type(h, i) == TY_SLICE) {
            int64_t start, stop, step;
            size_t cnt;
            if (!slice_indices(vm, i, list_len(h, c), &start, &stop, &step, &cnt)) return -1;
            if (step == 1) {
                if (list_del_slice(h, c, (size_t)start, (size_t)(stop < start ? start : stop)) != 0) { nomem(vm); return -1; }
                return 0;
            }
            if ((step < 0 && start < stop) || (step > 0 && start > stop)) stop = start;
            if (list_del_ext(h, c, start, stop, step, cnt) != 0) { nomem(vm); return -1; }
            return 0;
        }
        size_t k;
        if (!norm_index(vm, i, list_len(h, c), &k, "list")) {
            if (vm->err.kind == EXC_INDEX) { free(vm->err.msg); vm->err.msg = xstrdup("list assignment index out of range"); }
            return -1;
        }
        heap_decref(h, list_pop(h, c, k));
        return 0;
    }
    if (t == TY_DICT) {
        if (!op_check_hashable(vm, i)) return -1;
        if (dict_del(h, c, i) != 0) {
            StrBuf s; sb_init(&s); op_repr(vm, i, &s);
            vm_raise(vm, EXC_KEY, "%s", s.s);
            sb_free(&s);
            return -1;
        }
        return 0;
    }
    vm_raise(vm, EXC_TYPE, "'%s' object doesn't support item deletion", op_type_name(vm, c));
    return -1;
}

Addr op_new_slice(Vm *vm, Addr start, Addr stop, Addr step)
{
    Addr s = slice_new(H(vm), start, stop, step);
    return s ? s : nomem(vm);
}

/* ---------------- iteration ---------------- */
